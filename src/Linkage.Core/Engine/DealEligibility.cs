using Linkage.Core.Model;

namespace Linkage.Core.Engine;

/// <summary>Spec §5: whether a deal can take an activity at time <c>t</c>, and why.</summary>
public static class DealEligibility
{
    /// <summary>The eligibility reason, or null when the deal is not eligible.</summary>
    public static string? Evaluate(Deal deal, DateTimeOffset occurredAt, int windowDays)
    {
        ArgumentNullException.ThrowIfNull(deal);
        if (deal.IsClosed && deal.CloseDate is null)
        {
            return null;
        }

        DateOnly day = ActivityDay(occurredAt);
        bool createdByThen = deal.CreatedAt is not { } created || created <= occurredAt;
        if (createdByThen && (!deal.IsClosed || deal.CloseDate >= day))
        {
            return DealReasons.OpenAtTime;
        }

        if (deal.CreatedAt is { } c && occurredAt < c && c <= occurredAt.AddDays(windowDays))
        {
            return DealReasons.OpenedAfter;
        }

        if (deal.IsClosed && deal.CloseDate is { } closed && closed < day && day <= closed.AddDays(windowDays))
        {
            return DealReasons.ClosedRecently;
        }

        return null;
    }

    /// <summary><c>d = date(t)</c> in UTC.</summary>
    public static DateOnly ActivityDay(DateTimeOffset occurredAt) => DateOnly.FromDateTime(occurredAt.UtcDateTime);

    internal static int Rank(string reason) => reason switch
    {
        DealReasons.OpenAtTime => 0,
        DealReasons.OpenedAfter => 1,
        _ => 2,
    };
}
