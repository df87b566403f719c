using Linkage.Core.Engine;

namespace Linkage.Core.Tests.Support;

/// <summary>What one participant matched, compared as a whole so a test states its outcome in one line.</summary>
internal sealed record Match(string? Rule, string? Contact = null, string? Account = null, string? Lead = null)
{
    public static Match Of(ParticipantResult p) => new(p.Rule, p.ContactId, p.AccountId, p.LeadId);

    public static Match Of(AssociationResult result, int participant = 0) => Of(result.Participants[participant]);
}

/// <summary>How a tie was decided: the winner, the losers in preference order, and the deciding criterion.</summary>
internal sealed record Tie(string? Winner, bool Ambiguous, string Candidates, string? TieBreak)
{
    public static Tie OfContact(ParticipantResult p) => Of(p, p.ContactId);

    /// <summary>A converted lead's winner is the lead it went through, not the contact it resolved to.</summary>
    public static Tie OfLead(ParticipantResult p) => Of(p, p.LeadId ?? p.ConvertedLeadId);

    public static Tie OfAccount(ParticipantResult p) => Of(p, p.AccountId);

    private static Tie Of(ParticipantResult p, string? winner) =>
        new(winner, p.Ambiguous, string.Join(",", p.Candidates), p.TieBreak);
}

/// <summary>An activity's four sorted id lists, comma-joined so a whole association compares in one line.</summary>
internal sealed record Ids(string Contacts = "", string Accounts = "", string Leads = "", string Deals = "")
{
    public static Ids Of(AssociationResult r) =>
        new(string.Join(",", r.Contacts), string.Join(",", r.Accounts), string.Join(",", r.Leads), string.Join(",", r.Deals));
}

/// <summary>An activity's deals as <c>D1:open-at-time D2:closed-recently</c>, the way a person reads them.</summary>
internal static class DealsOf
{
    public static string Reasons(AssociationResult r) =>
        string.Join(" ", r.DealReasons.Select(d => $"{d.DealId}:{d.Reason}"));

    /// <summary><c>D1:useContactRoles+useDealOwner D2:</c> — the narrowing steps each kept deal survived.</summary>
    public static string Narrowing(AssociationResult r) =>
        string.Join(" ", r.DealReasons.Select(d => $"{d.DealId}:{string.Join("+", d.NarrowedBy)}"));
}
