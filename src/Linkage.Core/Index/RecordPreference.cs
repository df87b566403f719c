using Linkage.Core.Model;

namespace Linkage.Core.Index;

/// <summary>
/// The spec's tie-break for several contacts or leads on one key: one with an account first, then the latest
/// <c>modifiedAt</c> (none counts as oldest), then the smallest id. Total, so snapshot order never matters.
/// </summary>
internal static class RecordPreference
{
    public static int Compare(bool aHasAccount, DateTimeOffset? aModified, string aId,
        bool bHasAccount, DateTimeOffset? bModified, string bId)
    {
        if (aHasAccount != bHasAccount)
        {
            return aHasAccount ? -1 : 1;
        }

        int byModified = Nullable.Compare(bModified, aModified);
        return byModified != 0 ? byModified : string.CompareOrdinal(aId, bId);
    }

    /// <summary>Names the criterion that put the winner (w) ahead of the runner-up (r).</summary>
    public static string TieBreak(bool wHasAccount, DateTimeOffset? wModified, bool rHasAccount, DateTimeOffset? rModified)
    {
        if (wHasAccount != rHasAccount)
        {
            return TieBreaks.HasAccount;
        }

        return Nullable.Compare(wModified, rModified) != 0 ? TieBreaks.LatestModified : TieBreaks.SmallestId;
    }
}

/// <summary>The names of tie-break criteria as they appear in the output.</summary>
public static class TieBreaks
{
    public const string HasAccount = "has-account";
    public const string LatestModified = "latest-modifiedAt";
    public const string SmallestId = "smallest-id";
    public const string OwnerInternal = "owner-internal";
    public const string EligibleDeal = "eligible-deal";
    public const string MostContacts = "most-contacts";
}
