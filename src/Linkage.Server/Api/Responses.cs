using System.Text.Json;
using Linkage.Core.Model;

namespace Linkage.Server.Api;

/// <summary>What a CRM change did, and the re-association it caused.</summary>
public sealed record CrmChangeResponse(long Added, long Changed, long Unchanged, long Deleted, long Queued, long Reassociated, long AssociationsChanged);

/// <summary>The answer to a batch of activities: one canonical association line per activity, in request order.</summary>
public sealed record BatchResponse(IReadOnlyList<JsonElement> Associations);

/// <summary>The ids to delete, by kind; a contact role is named by its deal and contact.</summary>
public sealed record CrmDeletions(
    IReadOnlyList<string>? Users,
    IReadOnlyList<string>? Accounts,
    IReadOnlyList<string>? Contacts,
    IReadOnlyList<string>? Leads,
    IReadOnlyList<string>? Deals,
    IReadOnlyList<RoleRef>? DealContacts);

public sealed record RoleRef(string? DealId, string? ContactId);

/// <summary>The ids an activity is pinned to; a kind left out is empty.</summary>
public sealed record PinRequest(IReadOnlyList<string>? Contacts, IReadOnlyList<string>? Accounts, IReadOnlyList<string>? Leads, IReadOnlyList<string>? Deals);

/// <summary>One activity: as submitted, its association (the canonical line, with its explanation), its pin, queue state and history.</summary>
public sealed record ActivityView(
    Activity Activity,
    JsonElement? Association,
    bool Pinned,
    DateTimeOffset? PinnedAt,
    string? Pending,
    IReadOnlyList<HistoryView> History);

public sealed record HistoryView(DateTimeOffset At, string Cause, string Change, bool Manual);

/// <summary>An activity in a list: enough for a search result or a timeline row.</summary>
public sealed record ActivitySummary(
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    string Status,
    bool Pinned,
    IReadOnlyList<string> Contacts,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Leads,
    IReadOnlyList<string> Deals,
    string? Title);

/// <summary>A CRM record found by a search.</summary>
public sealed record RecordHit(string Kind, string Id, string? Name, string? Detail);

public sealed record SearchResponse(string Query, string Kind, IReadOnlyList<RecordHit> Records, IReadOnlyList<ActivitySummary> Activities, bool Truncated);

/// <summary>A contact, account, lead or deal with the activities associated with it, newest first, and for an account its deals.</summary>
public sealed record RecordView(string Kind, string Id, object Record, IReadOnlyList<Deal> Deals, IReadOnlyList<ActivitySummary> Activities, bool Truncated);

public sealed record WorkspaceView(string Workspace, long Users, long Accounts, long Contacts, long Leads, long Deals, long Activities, long Associations, long Pending, long Pins);
