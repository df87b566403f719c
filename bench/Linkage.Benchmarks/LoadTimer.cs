using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Linkage.Generator;
using System.Runtime.CompilerServices;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Linkage.Benchmarks;

/// <summary>
/// Where loading a CRM goes: JSON to model, then index build. Usage: load WORLD_DIR. The reader's GC work is
/// printed beside its time (load time is mostly allocating and promoting the record graph, so collections,
/// pauses and what the snapshot keeps alive are steadier measures than the time on a shared machine).
/// </summary>
public static class LoadTimer
{
    public static int Run(string dir)
    {
        var gc = GcWork.Now();
        var clock = Stopwatch.StartNew();
        CrmSnapshot snapshot = SnapshotReader.ReadFile(Path.Combine(dir, "crm.json"));
        Console.WriteLine($"read crm.json: {clock.Elapsed.TotalSeconds:F2} s; {GcWork.Now() - gc}");
        clock.Restart();
        int ok = 0;
        foreach (Contact c in snapshot.Contacts)
        {
            foreach (string p in c.Phones)
            {
                ok += Linkage.Core.Normalisation.PhoneNumber.TryNormalise(p, c.Region, "US", out _) ? 1 : 0;
            }
        }

        Console.WriteLine($"contact phones: {clock.Elapsed.TotalSeconds:F2} s ({ok:N0})");
        clock.Restart();
        foreach (Contact c in snapshot.Contacts)
        {
            foreach (string e in c.Emails)
            {
                if (Linkage.Core.Normalisation.EmailAddress.TryParse(e, out var email))
                {
                    ok += Linkage.Core.Normalisation.PublicSuffixList.Bundled.RegistrableDomain(email.Host)?.Length ?? 0;
                }
            }
        }

        Console.WriteLine($"contact emails + registrable: {clock.Elapsed.TotalSeconds:F2} s");
        clock.Restart();
        BuildIndex(snapshot, clock);
        Console.WriteLine($"live after a full collection, the snapshot alone: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:N0} MB ({Count(snapshot):N0} records)");
        return 0;
    }

    /// <summary>
    /// The command line's way (load WORLD_DIR --prepared): people's keys normalised on the pool while the file
    /// is read, then the build takes them.
    /// </summary>
    public static int RunPrepared(string dir)
    {
        using var reasons = new GcReasons();
        var gc = GcWork.Now();
        var clock = Stopwatch.StartNew();
        var prepared = new PreparedKeys(World.Settings);
        CrmSnapshot snapshot = SnapshotReader.ReadFile(Path.Combine(dir, "crm.json"), prepared);
        Console.WriteLine($"read crm.json, keys prepared meanwhile: {clock.Elapsed.TotalSeconds:F2} s; {GcWork.Now() - gc}");
        Console.WriteLine($"  collections by reason: {reasons.Take()}");
        gc = GcWork.Now();
        clock.Restart();
        CrmIndex index = CrmIndex.Build(snapshot, World.Settings, ReferenceData.Bundled, prepared);
        Console.WriteLine($"index build: {clock.Elapsed.TotalSeconds:F2} s for {index.RecordCount:N0} records; {GcWork.Now() - gc}");
        Console.WriteLine($"  collections by reason: {reasons.Take()}");
        GC.KeepAlive(index);
        return 0;
    }

    /// <summary>Not inlined, so that the index is unreachable once it returns and the snapshot can be measured alone.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BuildIndex(CrmSnapshot snapshot, Stopwatch clock)
    {
        CrmIndex index = CrmIndex.Build(snapshot, World.Settings, ReferenceData.Bundled);
        Console.WriteLine($"index build: {clock.Elapsed.TotalSeconds:F2} s for {index.RecordCount:N0} records");
        Console.WriteLine($"live after a full collection, with the index: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:N0} MB");
        GC.KeepAlive(index);
    }

    private static int Count(CrmSnapshot s) =>
        s.Users.Count + s.Accounts.Count + s.Contacts.Count + s.Leads.Count + s.Deals.Count + s.DealContacts.Count;

    /// <summary>The collector's counters at one moment; their difference is the work done in between.</summary>
    private readonly record struct GcWork(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
    {
        public static GcWork Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

        public static GcWork operator -(GcWork a, GcWork b) =>
            new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Paused - b.Paused, a.Allocated - b.Allocated);

        public override string ToString() =>
            $"collections gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}; paused {Paused.TotalSeconds:F2} s; allocated {Allocated / 1e6:N0} MB";
    }
}
