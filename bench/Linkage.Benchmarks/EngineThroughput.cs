using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Generator;

namespace Linkage.Benchmarks;

/// <summary>
/// Activities per second through <see cref="Associator.Associate"/> once the index is built, on one core
/// and on all cores, plus index build time and managed memory per record.
/// Usage: engine-throughput [contacts] [activities].
/// </summary>
public static class EngineThroughput
{
    public static int Run(string[] args)
    {
        long contacts = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        int activities = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var world = new World(new WorldSize(contacts, activities, 42));

        CrmSnapshot snapshot = Worlds.Snapshot(world);
        Activity[] input = [.. Enumerable.Range(0, activities).Select(i => world.Activity(i))];
        long records = snapshot.Users.Count + snapshot.Accounts.Count + snapshot.Contacts.Count + snapshot.Leads.Count + snapshot.Deals.Count + snapshot.DealContacts.Count;

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        Associator associator = Associator.Create(snapshot, World.Settings);
        double buildSeconds = clock.Elapsed.TotalSeconds;
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(associator);

        Console.WriteLine($"world: {contacts:N0} contacts, {records:N0} CRM records, {activities:N0} activities");
        Console.WriteLine($"index build: {buildSeconds:F2} s ({records / buildSeconds:N0} records/s), index memory: {(after - before) / (double)records:F0} bytes/record");

        // Warm up, then measure.
        for (int i = 0; i < Math.Min(50_000, input.Length); i++)
        {
            associator.Associate(input[i]);
        }

        // CPU time (all threads, GC included) beside wall time: on a shared machine it is the steadier measure.
        var process = System.Diagnostics.Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        clock.Restart();
        long sink = 0;
        foreach (Activity a in input)
        {
            sink += associator.Associate(a).Contacts.Count;
        }

        double single = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double singleCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        // Again, now that the associator's normalisation memo holds what this input repeats.
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan pausedBefore = GC.GetTotalPauseDuration();
        clock.Restart();
        foreach (Activity a in input)
        {
            sink += associator.Associate(a).Contacts.Count;
        }

        double singleWarm = clock.Elapsed.TotalSeconds;
        double bytesPerActivity = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)activities;
        double pausedShare = (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds / singleWarm;
        clock.Restart();
        // One worker per core: the pool would otherwise add threads while each range runs for tens of ms.
        var perCore = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, input.Length, 4096), perCore, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                associator.Associate(input[i]);
            }
        });
        double parallel = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"associate, 1 core, first pass: {activities / single:N0} activities/s ({single * 1e9 / activities:F0} ns each; CPU {singleCpu * 1e9 / activities:F0} ns each)");
        Console.WriteLine($"associate, 1 core, second pass: {activities / singleWarm:N0} activities/s ({singleWarm * 1e9 / activities:F0} ns each)");
        Console.WriteLine($"allocated per activity (second pass): {bytesPerActivity:F0} bytes; GC pauses {pausedShare:P0} of that pass");
        Console.WriteLine($"associate, {Environment.ProcessorCount} cores: {activities / parallel:N0} activities/s");
        Console.WriteLine($"(checksum {sink})");
        return 0;
    }
}
