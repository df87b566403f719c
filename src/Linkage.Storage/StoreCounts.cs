namespace Linkage.Storage;

/// <summary>Row counts of one workspace, for summaries and for checking that nothing was lost or doubled.</summary>
public sealed record StoreCounts(
    long Users,
    long Accounts,
    long Contacts,
    long Leads,
    long Deals,
    long DealContacts,
    long Activities,
    long Associations,
    long Pending,
    long Pins,
    long History);
