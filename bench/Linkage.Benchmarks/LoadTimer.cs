using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Linkage.Generator;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Linkage.Benchmarks;

/// <summary>Where loading a CRM goes: JSON to model, then index build. Usage: load WORLD_DIR.</summary>
public static class LoadTimer
{
    public static int Run(string dir)
    {
        var clock = Stopwatch.StartNew();
        CrmSnapshot snapshot = SnapshotReader.ReadFile(Path.Combine(dir, "crm.json"));
        Console.WriteLine($"read crm.json: {clock.Elapsed.TotalSeconds:F2} s");
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
        CrmIndex index = CrmIndex.Build(snapshot, World.Settings, ReferenceData.Bundled);
        Console.WriteLine($"index build: {clock.Elapsed.TotalSeconds:F2} s for {index.RecordCount:N0} records");
        return 0;
    }
}
