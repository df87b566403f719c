using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Linkage.Server.Hosting;

/// <summary>With LINKAGE_GC_LOG=2: the runtime's allocation samples (one per ~100 KB) summed by type, printed every 10 s.</summary>
internal sealed class AllocTicks : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private readonly Timer _timer;

    public AllocTicks() => _timer = new Timer(_ => Print(), null, 10_000, 10_000);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        int t = e.PayloadNames!.IndexOf("TypeName");
        int a = e.PayloadNames.IndexOf("AllocationAmount64");
        string type = t >= 0 ? e.Payload[t]?.ToString() ?? "?" : "?";
        long amount = a >= 0 ? Convert.ToInt64(e.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
    }

    private void Print()
    {
        var top = _bytes.ToArray().OrderByDescending(kv => kv.Value).Take(25).ToArray();
        _bytes.Clear();
        Console.Error.WriteLine("alloc top (MB in 10 s):");
        foreach (var kv in top)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kv.Value / 1048576.0,8:0.0}  {kv.Key}"));
        }
    }

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }
}
