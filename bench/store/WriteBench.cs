using System.Diagnostics;
using System.Globalization;
using System.Text;
using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Formats.Canonical;
using Linkage.Storage;
using Activity = Linkage.Core.Model.Activity;

/// <summary>
/// The server's writer alone: COUNT activities planned first in chunks of CHUNK (as the server plans them,
/// outside the lock), then only <c>ILinkageStore.Submit(plan, engine)</c> timed, one chunk after another on
/// one thread, with the bytes it allocated and the collections it caused. Under batches the writer is
/// the server's critical path (busy ~90% of the time), so its time per activity bounds the throughput.
/// </summary>
internal static class WriteBench
{
    public static int Run(string[] args)
    {
        using BenchInputs inputs = BenchInputs.Load(args);
        (ILinkageStore store, string workspace, Associator associator, List<Activity> activities, int chunk) =
            (inputs.Store, inputs.Workspace, inputs.Associator, inputs.Activities, inputs.Size);
        var planner = new SubmitPlanner(associator, inputs.Settings);
        List<SubmitPlan> plans = [.. activities.Chunk(chunk).Select(c => planner.Plan(workspace, c))];
        activities.Clear();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        // As the server runs: a thread copying the log into the database beside the writer (WalCheckpointer).
        using var stop = new CancellationTokenSource();
        Thread checkpointer = new(() => Checkpoint(inputs.Path, stop.Token)) { IsBackground = true, Name = "checkpoint" };
        checkpointer.Start();

        // A marker for a profiler attached from outside: what follows is the writer alone.
        Console.WriteLine($"writing {plans.Count:N0} chunks (pid {Environment.ProcessId})");
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        TimeSpan paused = GC.GetTotalPauseDuration();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long written = BytesWritten();
        var clock = Stopwatch.StartNew();
        int done = 0;
        for (int i = 0; i < plans.Count; i++)
        {
            store.Submit(plans[i], associator);
            done += plans[i].Order.Count;
            plans[i] = null!;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        stop.Cancel();
        checkpointer.Join();
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {done:N0} planned activities in chunks of {chunk:N0}: {seconds * 1e6 / done:F1} µs each ({done / seconds:N0}/s), " +
            $"CPU {cpuSeconds * 1e6 / done:F1} µs each, allocated {(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)done:N0} B each, " +
            $"collections {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} (pauses {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms), " +
            $"written to files {(BytesWritten() - written) / (double)done:N0} B each"));
        return 0;
    }

    private static void Checkpoint(string path, CancellationToken stop)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (!stop.WaitHandle.WaitOne(20))
        {
            try
            {
                command.ExecuteNonQuery();
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Busy for a moment: the next round tries again, as the server's does.
            }
        }
    }

    // What the process handed to write system calls (log, checkpoints), from /proc: steadier than time on
    // a shared machine, and what SQLite's page writes cost the kernel.
    private static long BytesWritten()
    {
        foreach (string line in File.ReadLines("/proc/self/io"))
        {
            if (line.StartsWith("wchar:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
