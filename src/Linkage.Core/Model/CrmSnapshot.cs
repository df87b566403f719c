namespace Linkage.Core.Model;

/// <summary>Everything the CRM holds that association needs, at one moment.</summary>
public sealed record CrmSnapshot
{
    public IReadOnlyList<CrmUser> Users { get; init; } = [];
    public IReadOnlyList<Account> Accounts { get; init; } = [];
    public IReadOnlyList<Contact> Contacts { get; init; } = [];
    public IReadOnlyList<Lead> Leads { get; init; } = [];
    public IReadOnlyList<Deal> Deals { get; init; } = [];
    public IReadOnlyList<DealContact> DealContacts { get; init; } = [];
}
