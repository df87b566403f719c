namespace Linkage.Core.Model;

/// <summary>A call, email, meeting or engagement to associate with CRM records.</summary>
public sealed record Activity
{
    public required string Id { get; init; }
    public required ActivityType Type { get; init; }
    /// <summary>The only clock the engine knows: deal eligibility is measured from here.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>A call placed through a dialer; only these may trigger CRM API look-ups.</summary>
    public bool Dialer { get; init; }
    public IReadOnlyList<Participant> Participants { get; init; } = [];
    public IReadOnlyList<CrmRef> CrmRefs { get; init; } = [];
}
