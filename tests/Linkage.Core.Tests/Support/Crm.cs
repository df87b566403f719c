using System.Globalization;
using Linkage.Core.Engine;
using Linkage.Core.Model;

namespace Linkage.Core.Tests.Support;

/// <summary>
/// A CRM snapshot written the way the spec's examples read: one line per record, only the fields a test
/// cares about. Times and dates are ISO strings so a table row can be copied from the spec unchanged.
/// </summary>
internal sealed class Crm
{
    private readonly List<CrmUser> _users = [];
    private readonly List<Account> _accounts = [];
    private readonly List<Contact> _contacts = [];
    private readonly List<Lead> _leads = [];
    private readonly List<Deal> _deals = [];
    private readonly List<DealContact> _roles = [];

    public CrmSnapshot Snapshot => new()
    {
        Users = [.. _users],
        Accounts = [.. _accounts],
        Contacts = [.. _contacts],
        Leads = [.. _leads],
        Deals = [.. _deals],
        DealContacts = [.. _roles],
    };

    public Crm User(string id, string? email = null, string? phone = null)
    {
        _users.Add(new CrmUser { Id = id, Emails = List(email), Phones = List(phone) });
        return this;
    }

    public Crm Account(string id, string? website = null, string[]? domains = null, string? ownerId = null,
        string? modifiedAt = null)
    {
        _accounts.Add(new Account
        {
            Id = id,
            Website = website,
            Domains = domains ?? [],
            OwnerId = ownerId,
            ModifiedAt = Time.OrNull(modifiedAt),
        });
        return this;
    }

    public Crm Contact(string id, string? email = null, string? accountId = null, string? phone = null,
        string? modifiedAt = null, string? region = null) =>
        Contact(id, List(email), accountId, phone, modifiedAt, region);

    public Crm Contact(string id, string[] emails, string? accountId = null, string? phone = null,
        string? modifiedAt = null, string? region = null)
    {
        _contacts.Add(new Contact
        {
            Id = id,
            AccountId = accountId,
            Emails = emails,
            Phones = List(phone),
            ModifiedAt = Time.OrNull(modifiedAt),
            Region = region,
        });
        return this;
    }

    public Crm Lead(string id, string? email = null, string? phone = null, string? modifiedAt = null,
        string? convertedContactId = null, string? convertedAccountId = null)
    {
        _leads.Add(new Lead
        {
            Id = id,
            Emails = List(email),
            Phones = List(phone),
            ModifiedAt = Time.OrNull(modifiedAt),
            IsConverted = convertedContactId is not null || convertedAccountId is not null,
            ConvertedContactId = convertedContactId,
            ConvertedAccountId = convertedAccountId,
        });
        return this;
    }

    /// <summary>An open deal unless <paramref name="closeDate"/> is given with <paramref name="closed"/> left alone.</summary>
    public Crm Deal(string id, string accountId, string? createdAt = null, string? closeDate = null, bool? closed = null,
        string? ownerId = null)
    {
        _deals.Add(new Deal
        {
            Id = id,
            AccountId = accountId,
            CreatedAt = Time.OrNull(createdAt),
            CloseDate = closeDate is null ? null : DateOnly.Parse(closeDate, CultureInfo.InvariantCulture),
            IsClosed = closed ?? closeDate is not null,
            OwnerId = ownerId,
        });
        return this;
    }

    public Crm Role(string dealId, string contactId)
    {
        _roles.Add(new DealContact { DealId = dealId, ContactId = contactId });
        return this;
    }

    public AssociationResult Associate(Activity activity, LinkageSettings? settings = null) =>
        Associator.Create(Snapshot, settings).Associate(activity);

    /// <summary>An email activity at <paramref name="occurredAt"/> with one participant per address.</summary>
    public AssociationResult Email(string occurredAt, params string[] addresses) =>
        Associate(Act.Email(occurredAt, addresses));

    public AssociationResult Email(LinkageSettings settings, string occurredAt, params string[] addresses) =>
        Associate(Act.Email(occurredAt, addresses), settings);

    private static string[] List(string? value) => value is null ? [] : [value];
}
