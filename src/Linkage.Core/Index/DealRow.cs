using Linkage.Core.Engine;
using Linkage.Core.Model;

namespace Linkage.Core.Index;

/// <summary>
/// One deal of an account as the deal step reads it: what eligibility and narrowing need, inline. An
/// account's deals sit side by side in one array of these, so the deal step reads one array per account
/// instead of a deal record per deal somewhere in the heap, converts no time per activity, and checks a
/// contact role in the deal's own short list instead of hashing two ids into a set of every role.
/// </summary>
internal readonly struct DealRow
{
    // Nothing, one contact id, or an array of them (distinct, in snapshot order).
    private readonly object? _contactRoles;

    public DealRow(Deal deal, object? contactRoles)
    {
        Deal = deal;
        Id = deal.Id;
        OwnerId = deal.OwnerId;
        _contactRoles = contactRoles;
        CreatedTicks = DealEligibility.CreatedTicks(deal);
        CloseDay = DealEligibility.CloseDay(deal);
        IsClosed = deal.IsClosed;
    }

    public Deal Deal { get; }

    public string Id { get; }

    public string? OwnerId { get; }

    /// <summary><c>createdAt</c> in UTC ticks, or <see cref="DealEligibility.NoCreatedAt"/>.</summary>
    public long CreatedTicks { get; }

    /// <summary><c>closeDate</c>'s day number, or <see cref="DealEligibility.NoCloseDate"/>.</summary>
    public int CloseDay { get; }

    public bool IsClosed { get; }

    /// <summary>Spec §5's reason for an activity at <paramref name="occurredTicks"/> (UTC) on day number <paramref name="day"/>, or null.</summary>
    public string? Eligibility(long occurredTicks, int day, int windowDays) =>
        DealEligibility.Evaluate(IsClosed, CreatedTicks, CloseDay, occurredTicks, day, windowDays);

    /// <summary>True when the snapshot gives <paramref name="contactId"/> a role on this deal.</summary>
    public bool HasContactRole(string contactId)
    {
        switch (_contactRoles)
        {
            case null:
                return false;
            case string one:
                return string.Equals(one, contactId, StringComparison.Ordinal);
            default:
                foreach (string id in (string[])_contactRoles)
                {
                    if (string.Equals(id, contactId, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
        }
    }
}
