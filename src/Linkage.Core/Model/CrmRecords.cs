namespace Linkage.Core.Model;

/// <summary>One of the company's own people.</summary>
public sealed record CrmUser
{
    public required string Id { get; init; }
    public IReadOnlyList<string> Emails { get; init; } = [];
    public IReadOnlyList<string> Phones { get; init; } = [];
    public string? Name { get; init; }
    public string? Region { get; init; }
}

public sealed record Account
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Website { get; init; }
    public IReadOnlyList<string> Domains { get; init; } = [];
    public string? OwnerId { get; init; }
    public string? ParentId { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
}

public sealed record Contact
{
    public required string Id { get; init; }
    public string? AccountId { get; init; }
    public IReadOnlyList<string> Emails { get; init; } = [];
    public IReadOnlyList<string> Phones { get; init; } = [];
    public string? Name { get; init; }
    public string? Region { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    /// <summary>
    /// Where the record came from when not from the CRM snapshot itself: <c>crm-api</c> for one a dialer
    /// call's live look-up found. A match on such a record says so in its participant's <c>source</c>.
    /// </summary>
    public string? Origin { get; init; }
}

public sealed record Lead
{
    public required string Id { get; init; }
    public IReadOnlyList<string> Emails { get; init; } = [];
    public IReadOnlyList<string> Phones { get; init; } = [];
    public string? Name { get; init; }
    public string? Company { get; init; }
    public string? Region { get; init; }
    public bool IsConverted { get; init; }
    public string? ConvertedContactId { get; init; }
    public string? ConvertedAccountId { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    /// <summary>
    /// Where the record came from when not from the CRM snapshot itself: <c>crm-api</c> for one a dialer
    /// call's live look-up found. A match on such a record says so in its participant's <c>source</c>.
    /// </summary>
    public string? Origin { get; init; }
}

/// <summary>An opportunity.</summary>
public sealed record Deal
{
    public required string Id { get; init; }
    public string? AccountId { get; init; }
    public string? Name { get; init; }
    public string? OwnerId { get; init; }
    public string? Stage { get; init; }
    public bool IsClosed { get; init; }
    public bool IsWon { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateOnly? CloseDate { get; init; }
    public string? Type { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
}

/// <summary>A contact's role on a deal (Salesforce's OpportunityContactRole).</summary>
public sealed record DealContact
{
    public required string DealId { get; init; }
    public required string ContactId { get; init; }
    public string? Role { get; init; }
    public bool IsPrimary { get; init; }
}
