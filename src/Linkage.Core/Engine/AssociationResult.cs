namespace Linkage.Core.Engine;

/// <summary>How an activity came out as a whole.</summary>
public enum AssociationStatus
{
    /// <summary>At least one contact, account, lead or deal.</summary>
    Associated,
    /// <summary>Nothing associated, and someone on it was not internal.</summary>
    Unmatched,
    /// <summary>Nothing associated, and every participant was internal.</summary>
    Internal,
}

/// <summary>Who a participant is, decided before any matching (spec §3); first match wins.</summary>
public enum ParticipantClass
{
    Internal,
    Spam,
    Automated,
    Invalid,
    External,
}

/// <summary>The association of one activity, with the reason for every id in it.</summary>
public sealed record AssociationResult
{
    public required string ActivityId { get; init; }
    public required AssociationStatus Status { get; init; }
    /// <summary>Sorted (ordinal), without duplicates; likewise the other id lists.</summary>
    public required IReadOnlyList<string> Contacts { get; init; }
    public required IReadOnlyList<string> Accounts { get; init; }
    public required IReadOnlyList<string> Leads { get; init; }
    public required IReadOnlyList<string> Deals { get; init; }
    /// <summary>One entry per participant, in input order.</summary>
    public required IReadOnlyList<ParticipantResult> Participants { get; init; }
    /// <summary>One entry per associated deal, by deal id.</summary>
    public required IReadOnlyList<DealReason> DealReasons { get; init; }
    /// <summary>The CRM references the activity or its participants carried, as given.</summary>
    public required IReadOnlyList<ExplicitReference> ExplicitRefs { get; init; }
    public required IReadOnlyList<AssociationWarning> Warnings { get; init; }
    /// <summary>CRM API calls made for this activity (dialer look-ups only).</summary>
    public int CrmApiCalls { get; init; }
}

/// <summary>One participant: how it was classified and, for an external one, which rule matched what.</summary>
public sealed record ParticipantResult
{
    /// <summary>The normalised address, or the text as given when it did not parse.</summary>
    public string? Email { get; init; }
    /// <summary>E.164, or the text as given when it did not parse.</summary>
    public string? Phone { get; init; }
    public string? Role { get; init; }
    public required ParticipantClass Class { get; init; }
    /// <summary>For an internal participant: the CRM user it is, when known.</summary>
    public string? UserId { get; init; }
    /// <summary>For an external participant: the rule that decided (<see cref="Rules"/>).</summary>
    public string? Rule { get; init; }
    public string? ContactId { get; init; }
    public string? AccountId { get; init; }
    public string? LeadId { get; init; }
    /// <summary>The lead a <c>converted-lead</c> match went through.</summary>
    public string? ConvertedLeadId { get; init; }
    /// <summary>The evidence: which key matched, as <c>email:…</c>, <c>phone:…</c>, <c>host:…</c> or <c>domain:…</c>.</summary>
    public string? MatchedOn { get; init; }
    public bool Ambiguous { get; init; }
    /// <summary>When ambiguous: the ids that lost the tie-break.</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];
    /// <summary>When ambiguous: the criterion that decided (<see cref="Index.TieBreaks"/>).</summary>
    public string? TieBreak { get; init; }
    /// <summary><c>crm-api</c> when the match came from a live dialer look-up (now or on an earlier run).</summary>
    public string? Source { get; init; }
    /// <summary>
    /// For a dialer call's number unknown to the snapshot: how the live look-up ended when it found nobody
    /// or was not made (<see cref="LookupOutcomes"/>); null when no look-up was due or it found a record.
    /// </summary>
    public string? Lookup { get; init; }
}

/// <summary>Why a deal is on the activity, and which narrowing steps it survived.</summary>
public sealed record DealReason(string DealId, string Reason, IReadOnlyList<string> NarrowedBy);

/// <summary>A CRM reference carried by the activity (<c>From = "activity"</c>) or by participant N (<c>participant:N</c>).</summary>
public sealed record ExplicitReference(string Type, string Id, string From, bool Known);

/// <summary>Something a person should know about the input; never fatal.</summary>
public sealed record AssociationWarning(string Code, string Message);
