using System.Diagnostics;
using System.Globalization;
using System.Text;
using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Linkage.Storage;
using Activity = Linkage.Core.Model.Activity;

/// <summary>
/// ILinkageStore.Submit in-process, as the server calls it: the workspace's engine built once, then
/// COUNT activities submitted in batches of BATCH. Separates the store's cost from HTTP and JSON.
/// </summary>
internal static class SubmitBench
{
    public static int Run(string[] args)
    {
        var clock = Stopwatch.StartNew();
        using BenchInputs inputs = BenchInputs.Load(args);
        Console.WriteLine($"engine built in {clock.Elapsed.TotalSeconds:F1} s");
        (ILinkageStore store, string workspace, Associator associator, List<Activity> activities, int batch) =
            (inputs.Store, inputs.Workspace, inputs.Associator, inputs.Activities, inputs.Size);
        clock.Restart();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long written = WrittenBytes();
        int done = 0;
        foreach (Activity[] chunk in activities.Chunk(batch))
        {
            store.Submit(workspace, chunk, associator);
            done += chunk.Length;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"submitted {done:N0} activities in batches of {batch:N0}: {seconds:F2} s, {done / seconds:N0}/s, {seconds * 1e6 / done:F0} µs each; " +
            $"CPU {cpuSeconds:F2} s, {cpuSeconds * 1e6 / done:F0} µs of CPU each; {(WrittenBytes() - written) / (double)done / 1024:F1} KB written each"));
        return 0;
    }

    /// <summary>Bytes this process asked the kernel to write (WAL, checkpoints), from /proc/self/io.</summary>
    private static long WrittenBytes() =>
        File.ReadLines("/proc/self/io").Where(l => l.StartsWith("wchar:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.AsSpan(6).Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
}
