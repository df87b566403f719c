namespace Linkage.Formats.Sources;

/// <summary>
/// The time range calendar occurrences are taken from (<c>--from</c>/<c>--to</c>). Without an end, the end
/// is <see cref="Now"/>: a meeting that has not happened yet is not a conversation, and a series that
/// repeats forever needs some end.
/// </summary>
public sealed record CalendarWindow(DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset Now)
{
    public static CalendarWindow Unbounded(DateTimeOffset now) => new(null, null, now);

    public DateTimeOffset End => To ?? Now;

    public bool Contains(DateTimeOffset t) => (From is not { } from || t >= from) && t < End;
}
