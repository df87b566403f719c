using Linkage.Core.Model;

namespace Linkage.Core.Engine;

/// <summary>Spec §5: whether a deal can take an activity at time <c>t</c>, and why.</summary>
public static class DealEligibility
{
    /// <summary>Stands for a missing <c>createdAt</c>: earlier than any activity, which is what "no creation time" means in §5.</summary>
    internal const long NoCreatedAt = long.MinValue;

    /// <summary>Stands for a missing <c>closeDate</c> (a day number no date has).</summary>
    internal const int NoCloseDate = int.MinValue;

    // No window reaches further than the calendar does; clamping keeps the arithmetic below from overflowing.
    private static readonly int MaxWindowDays = DateOnly.MaxValue.DayNumber + 1;

    /// <summary>The eligibility reason, or null when the deal is not eligible.</summary>
    public static string? Evaluate(Deal deal, DateTimeOffset occurredAt, int windowDays)
    {
        ArgumentNullException.ThrowIfNull(deal);
        return Evaluate(deal.IsClosed, CreatedTicks(deal), CloseDay(deal), occurredAt.UtcTicks, ActivityDay(occurredAt).DayNumber, windowDays);
    }

    /// <summary>
    /// The rules on numbers: times as UTC ticks (a <see cref="DateTimeOffset"/> compares by them), days as day
    /// numbers. The engine evaluates deals in this form, taken once per deal when the index is built, so it
    /// reads no deal record and converts no time per activity; <see cref="Evaluate(Deal, DateTimeOffset, int)"/>
    /// goes through here too, so the two cannot disagree.
    /// </summary>
    internal static string? Evaluate(bool isClosed, long createdTicks, int closeDay, long occurredTicks, int day, int windowDays)
    {
        if (isClosed && closeDay == NoCloseDate)
        {
            return null;
        }

        // NoCreatedAt is below every time: "created by then" holds, "opened after" cannot.
        if (createdTicks <= occurredTicks && (!isClosed || closeDay >= day))
        {
            return DealReasons.OpenAtTime;
        }

        int window = Math.Clamp(windowDays, -MaxWindowDays, MaxWindowDays);
        if (occurredTicks < createdTicks && createdTicks - occurredTicks <= window * TimeSpan.TicksPerDay)
        {
            return DealReasons.OpenedAfter;
        }

        if (isClosed && closeDay < day && day - closeDay <= window)
        {
            return DealReasons.ClosedRecently;
        }

        return null;
    }

    /// <summary><c>d = date(t)</c> in UTC.</summary>
    public static DateOnly ActivityDay(DateTimeOffset occurredAt) => DateOnly.FromDateTime(occurredAt.UtcDateTime);

    internal static long CreatedTicks(Deal deal) => deal.CreatedAt is { } created ? created.UtcTicks : NoCreatedAt;

    internal static int CloseDay(Deal deal) => deal.CloseDate is { } close ? close.DayNumber : NoCloseDate;

    internal static int Rank(string reason) => reason switch
    {
        DealReasons.OpenAtTime => 0,
        DealReasons.OpenedAfter => 1,
        _ => 2,
    };
}
