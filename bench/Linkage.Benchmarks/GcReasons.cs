using System.Diagnostics.Tracing;

namespace Linkage.Benchmarks;

/// <summary>
/// Counts the runtime's collections by generation and reason while it is alive (the runtime's own events,
/// in process). A load of a large CRM pays most for its gen2 collections, and their reason says what to change:
/// "small" (promotions filled gen2's budget) or "large" (large-object-heap allocations, arrays over 85 KB).
/// </summary>
internal sealed class GcReasons : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Dictionary<(int Generation, string Reason), int> _counts = [];

    /// <summary>The counts since the last call, e.g. "gen0 small 5, gen2 large 3", and starts again.</summary>
    public string Take()
    {
        lock (_counts)
        {
            string text = _counts.Count == 0
                ? "none"
                : string.Join(", ", _counts.OrderBy(c => c.Key.Generation).ThenBy(c => c.Key.Reason).Select(c => $"gen{c.Key.Generation} {c.Key.Reason} {c.Value}"));
            _counts.Clear();
            return text;
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCStart", StringComparison.Ordinal) != true || eventData.Payload is not { } payload)
        {
            return;
        }

        int generation = Convert.ToInt32(payload[eventData.PayloadNames!.IndexOf("Depth")], System.Globalization.CultureInfo.InvariantCulture);
        // The runtime's gc_reason values; the ones a batch run meets are named.
        string reason = Convert.ToInt32(payload[eventData.PayloadNames.IndexOf("Reason")], System.Globalization.CultureInfo.InvariantCulture) switch
        {
            0 => "small",
            1 => "induced",
            4 => "large",
            6 => "out-of-space-soh",
            7 => "out-of-space-loh",
            var other => $"reason-{other}",
        };
        lock (_counts)
        {
            _counts[(generation, reason)] = _counts.GetValueOrDefault((generation, reason)) + 1;
        }
    }
}
