using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace Linkage.Server.Hosting;

/// <summary>
/// With <c>LINKAGE_GC_LOG=1</c> (or <c>2</c>, which adds <see cref="AllocTicks"/>) in the environment, a line on standard error for every garbage collection
/// the runtime reports: its generation, pause and what it promoted. Latency work on the server needs
/// the pauses side by side with the requests they delayed; polling the runtime's last-collection record
/// every 20 ms sees each collection unless several happen within one poll (the index gap says so).
/// </summary>
internal sealed class GcLog(TimeProvider clock) : BackgroundService
{
    public const string Variable = "LINKAGE_GC_LOG";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) is "1" or "2";

    public static bool WithAllocations => Environment.GetEnvironmentVariable(Variable) == "2";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long seen = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            GCMemoryInfo any = GC.GetGCMemoryInfo(GCKind.Any);
            if (any.Index == seen)
            {
                continue;
            }

            long skipped = seen == 0 ? 0 : any.Index - seen - 1;
            seen = any.Index;
            double pause = 0;
            foreach (TimeSpan p in any.PauseDurations)
            {
                pause += p.TotalMilliseconds;
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gc {clock.GetUtcNow():HH:mm:ss.fff} #{any.Index} gen{any.Generation}{(any.Concurrent ? " bg" : "")}{(any.Compacted ? " compact" : "")} pause {pause:0.0} ms promoted {any.PromotedBytes / 1048576.0:0.0} MB heap {any.HeapSizeBytes / 1048576.0:0} MB pinned {any.PinnedObjectsCount}{(skipped > 0 ? $" ({skipped} unseen)" : "")}"));
        }
    }
}
