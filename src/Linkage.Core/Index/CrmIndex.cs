using System.Collections.Frozen;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;

namespace Linkage.Core.Index;

/// <summary>
/// Every look-up the cascade needs, as hash look-ups built once per snapshot. Candidate lists are stored
/// pre-sorted by the record-only part of the tie-break, so per-activity work is a dictionary hit.
/// </summary>
public sealed class CrmIndex
{
    private static readonly Contact[] NoContacts = [];
    private static readonly Lead[] NoLeads = [];
    private static readonly Account[] NoAccounts = [];
    private static readonly Deal[] NoDeals = [];
    private static readonly ColleagueAccount[] NoColleagues = [];

    private readonly FrozenDictionary<string, Contact[]> _contactsByEmail;
    private readonly FrozenDictionary<string, Contact[]> _contactsByPhone;
    private readonly FrozenDictionary<string, Lead[]> _leadsByEmail;
    private readonly FrozenDictionary<string, Lead[]> _leadsByPhone;
    private readonly FrozenDictionary<string, string[]> _usersByEmail;
    private readonly FrozenDictionary<string, string[]> _usersByPhone;
    private readonly FrozenDictionary<string, Account[]> _accountsByDomain;
    private readonly FrozenDictionary<string, ColleagueAccount[]> _colleaguesByHost;
    private readonly FrozenDictionary<string, ColleagueAccount[]> _colleaguesByRegistrable;
    private readonly FrozenDictionary<string, Deal[]> _dealsByAccount;
    private readonly FrozenSet<(string DealId, string ContactId)> _dealRoles;
    private readonly FrozenDictionary<string, Contact> _contacts;
    private readonly FrozenDictionary<string, Account> _accounts;
    private readonly FrozenDictionary<string, Lead> _leads;
    private readonly FrozenDictionary<string, Deal> _deals;
    private readonly FrozenDictionary<string, CrmUser> _users;

    private CrmIndex(Builder b)
    {
        _contacts = b.Contacts.ToFrozenDictionary(StringComparer.Ordinal);
        _accounts = b.Accounts.ToFrozenDictionary(StringComparer.Ordinal);
        _leads = b.Leads.ToFrozenDictionary(StringComparer.Ordinal);
        _deals = b.Deals.ToFrozenDictionary(StringComparer.Ordinal);
        _users = b.Users.ToFrozenDictionary(StringComparer.Ordinal);
        _contactsByEmail = Sorted(b.ContactsByEmail, ContactOrder);
        _contactsByPhone = Sorted(b.ContactsByPhone, ContactOrder);
        _leadsByEmail = Sorted(b.LeadsByEmail, LeadOrder);
        _leadsByPhone = Sorted(b.LeadsByPhone, LeadOrder);
        _usersByEmail = Sorted(b.UsersByEmail, string.CompareOrdinal);
        _usersByPhone = Sorted(b.UsersByPhone, string.CompareOrdinal);
        _accountsByDomain = Sorted(b.AccountsByDomain, AccountOrder);
        _dealsByAccount = Sorted(b.DealsByAccount, (x, y) => string.CompareOrdinal(x.Id, y.Id));
        _colleaguesByHost = Colleagues(b.ColleaguesByHost);
        _colleaguesByRegistrable = Colleagues(b.ColleaguesByRegistrable);
        _dealRoles = b.DealRoles.ToFrozenSet();
        DuplicateIds = b.DuplicateIds;
        SkippedKeys = b.SkippedKeys;
        RecordCount = _contacts.Count + _accounts.Count + _leads.Count + _deals.Count + _users.Count + _dealRoles.Count;
    }

    /// <summary>Ids that appeared more than once in the snapshot; the latest <c>modifiedAt</c> (then the last) was kept.</summary>
    public IReadOnlyList<string> DuplicateIds { get; }

    /// <summary>Record emails, phones and domains that did not normalise and so can never match.</summary>
    public int SkippedKeys { get; }

    public int RecordCount { get; }

    /// <summary>Indexes <paramref name="snapshot"/>; phones are parsed with <paramref name="settings"/>' default region.</summary>
    public static CrmIndex Build(CrmSnapshot snapshot, LinkageSettings settings, ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reference);
        var b = new Builder(settings.DefaultPhoneRegion, reference.PublicSuffixes);
        b.Add(snapshot);
        return new CrmIndex(b);
    }

    public Contact? Contact(string id) => _contacts.GetValueOrDefault(id);

    public Account? Account(string id) => _accounts.GetValueOrDefault(id);

    public Lead? Lead(string id) => _leads.GetValueOrDefault(id);

    public Deal? Deal(string id) => _deals.GetValueOrDefault(id);

    public CrmUser? User(string id) => _users.GetValueOrDefault(id);

    /// <summary>Contacts with this normalised email, best first.</summary>
    public Contact[] ContactsByEmail(string email) => _contactsByEmail.GetValueOrDefault(email, NoContacts);

    public Contact[] ContactsByPhone(string e164) => _contactsByPhone.GetValueOrDefault(e164, NoContacts);

    public Lead[] LeadsByEmail(string email) => _leadsByEmail.GetValueOrDefault(email, NoLeads);

    public Lead[] LeadsByPhone(string e164) => _leadsByPhone.GetValueOrDefault(e164, NoLeads);

    /// <summary>User ids with this email, smallest first.</summary>
    public string[] UsersByEmail(string email) => _usersByEmail.GetValueOrDefault(email, []);

    public string[] UsersByPhone(string e164) => _usersByPhone.GetValueOrDefault(e164, []);

    /// <summary>Accounts claiming this domain, latest <c>modifiedAt</c> then smallest id first.</summary>
    public Account[] AccountsByDomain(string domain) => _accountsByDomain.GetValueOrDefault(domain, NoAccounts);

    /// <summary>Accounts of contacts whose email host is <paramref name="host"/>, most contacts first.</summary>
    public ColleagueAccount[] ColleaguesByHost(string host) => _colleaguesByHost.GetValueOrDefault(host, NoColleagues);

    public ColleagueAccount[] ColleaguesByRegistrableDomain(string domain) =>
        _colleaguesByRegistrable.GetValueOrDefault(domain, NoColleagues);

    /// <summary>The account's deals, by id.</summary>
    public Deal[] DealsOfAccount(string accountId) => _dealsByAccount.GetValueOrDefault(accountId, NoDeals);

    public bool HasContactRole(string dealId, string contactId) => _dealRoles.Contains((dealId, contactId));

    /// <summary>True when a lead resolves to an account through its converted contact.</summary>
    internal bool LeadResolvesToAccount(Lead lead) =>
        lead.IsConverted && lead.ConvertedContactId is { } c && Contact(c) is { AccountId: not null };

    private int ContactOrder(Contact x, Contact y) =>
        RecordPreference.Compare(x.AccountId is not null, x.ModifiedAt, x.Id, y.AccountId is not null, y.ModifiedAt, y.Id);

    private int LeadOrder(Lead x, Lead y) =>
        RecordPreference.Compare(LeadResolvesToAccount(x), x.ModifiedAt, x.Id, LeadResolvesToAccount(y), y.ModifiedAt, y.Id);

    private static int AccountOrder(Account x, Account y)
    {
        int byModified = Nullable.Compare(y.ModifiedAt, x.ModifiedAt);
        return byModified != 0 ? byModified : string.CompareOrdinal(x.Id, y.Id);
    }

    private static FrozenDictionary<string, T[]> Sorted<T>(Dictionary<string, List<T>> source, Comparison<T> order) =>
        source.ToFrozenDictionary(
            kv => kv.Key,
            kv =>
            {
                T[] items = [.. kv.Value];
                Array.Sort(items, order);
                return items;
            },
            StringComparer.Ordinal);

    private static FrozenDictionary<string, ColleagueAccount[]> Colleagues(Dictionary<string, Dictionary<string, HashSet<string>>> source) =>
        source.ToFrozenDictionary(
            kv => kv.Key,
            kv =>
            {
                ColleagueAccount[] items = [.. kv.Value.Select(a => new ColleagueAccount(a.Key, a.Value.Count))];
                Array.Sort(items, (x, y) => x.Contacts != y.Contacts
                    ? y.Contacts.CompareTo(x.Contacts)
                    : string.CompareOrdinal(x.AccountId, y.AccountId));
                return items;
            },
            StringComparer.Ordinal);

    private sealed class Builder(string defaultRegion, PublicSuffixList psl)
    {
        public Dictionary<string, Contact> Contacts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Account> Accounts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Lead> Leads { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Deal> Deals { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, CrmUser> Users { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<Contact>> ContactsByEmail { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<Contact>> ContactsByPhone { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<Lead>> LeadsByEmail { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<Lead>> LeadsByPhone { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<string>> UsersByEmail { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<string>> UsersByPhone { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<Account>> AccountsByDomain { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<Deal>> DealsByAccount { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Dictionary<string, HashSet<string>>> ColleaguesByHost { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Dictionary<string, HashSet<string>>> ColleaguesByRegistrable { get; } = new(StringComparer.Ordinal);
        public HashSet<(string, string)> DealRoles { get; } = [];
        public List<string> DuplicateIds { get; } = [];
        public int SkippedKeys { get; private set; }

        public void Add(CrmSnapshot s)
        {
            Dedupe(s.Users, Users, u => u.Id, u => null);
            Dedupe(s.Accounts, Accounts, a => a.Id, a => a.ModifiedAt);
            Dedupe(s.Contacts, Contacts, c => c.Id, c => c.ModifiedAt);
            Dedupe(s.Leads, Leads, l => l.Id, l => l.ModifiedAt);
            Dedupe(s.Deals, Deals, d => d.Id, d => d.ModifiedAt);

            foreach (CrmUser u in Users.Values)
            {
                foreach (string email in Emails(u.Emails))
                {
                    Append(UsersByEmail, email, u.Id);
                }

                foreach (string phone in Phones(u.Phones, u.Region))
                {
                    Append(UsersByPhone, phone, u.Id);
                }
            }

            foreach (Account a in Accounts.Values)
            {
                foreach (string domain in AccountDomains(a))
                {
                    Append(AccountsByDomain, domain, a);
                }
            }

            foreach (Contact c in Contacts.Values)
            {
                foreach (EmailAddress email in ParsedEmails(c.Emails))
                {
                    Append(ContactsByEmail, email.Address, c);
                    if (c.AccountId is { } accountId)
                    {
                        AddColleague(ColleaguesByHost, email.Host, accountId, c.Id);
                        if (psl.RegistrableDomain(email.Host) is { } registrable)
                        {
                            AddColleague(ColleaguesByRegistrable, registrable, accountId, c.Id);
                        }
                    }
                }

                foreach (string phone in Phones(c.Phones, c.Region))
                {
                    Append(ContactsByPhone, phone, c);
                }
            }

            foreach (Lead l in Leads.Values)
            {
                foreach (string email in Emails(l.Emails))
                {
                    Append(LeadsByEmail, email, l);
                }

                foreach (string phone in Phones(l.Phones, l.Region))
                {
                    Append(LeadsByPhone, phone, l);
                }
            }

            foreach (Deal d in Deals.Values)
            {
                if (d.AccountId is { } accountId)
                {
                    Append(DealsByAccount, accountId, d);
                }
            }

            foreach (DealContact role in s.DealContacts)
            {
                DealRoles.Add((role.DealId, role.ContactId));
            }
        }

        private void Dedupe<T>(IReadOnlyList<T> records, Dictionary<string, T> byId, Func<T, string> idOf,
            Func<T, DateTimeOffset?> modified)
            where T : class
        {
            foreach (T record in records)
            {
                string id = idOf(record);
                if (byId.TryGetValue(id, out T? existing))
                {
                    DuplicateIds.Add(id);
                    if (Nullable.Compare(modified(record), modified(existing)) < 0)
                    {
                        continue;
                    }
                }

                byId[id] = record;
            }
        }

        private IEnumerable<EmailAddress> ParsedEmails(IReadOnlyList<string> raw)
        {
            // A record listing one address twice must count once.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string r in raw)
            {
                if (!EmailAddress.TryParse(r, out EmailAddress email))
                {
                    SkippedKeys++;
                    continue;
                }

                if (seen.Add(email.Address))
                {
                    yield return email;
                }
            }
        }

        private IEnumerable<string> Emails(IReadOnlyList<string> raw) => ParsedEmails(raw).Select(e => e.Address);

        private IEnumerable<string> Phones(IReadOnlyList<string> raw, string? region)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string r in raw)
            {
                if (!PhoneNumber.TryNormalise(r, region, defaultRegion, out string e164))
                {
                    SkippedKeys++;
                    continue;
                }

                if (seen.Add(e164))
                {
                    yield return e164;
                }
            }
        }

        private IEnumerable<string> AccountDomains(Account a)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            IEnumerable<string> raw = a.Website is null ? a.Domains : a.Domains.Append(a.Website);
            foreach (string r in raw)
            {
                if (DomainName.Normalise(r, dropWww: true) is not { } domain || !domain.Contains('.', StringComparison.Ordinal))
                {
                    SkippedKeys++;
                    continue;
                }

                if (seen.Add(domain))
                {
                    yield return domain;
                }
            }
        }

        private static void Append<T>(Dictionary<string, List<T>> map, string key, T value)
        {
            if (!map.TryGetValue(key, out List<T>? list))
            {
                list = [];
                map[key] = list;
            }

            list.Add(value);
        }

        private static void AddColleague(Dictionary<string, Dictionary<string, HashSet<string>>> map, string key,
            string accountId, string contactId)
        {
            if (!map.TryGetValue(key, out Dictionary<string, HashSet<string>>? accounts))
            {
                accounts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                map[key] = accounts;
            }

            if (!accounts.TryGetValue(accountId, out HashSet<string>? contacts))
            {
                contacts = new HashSet<string>(StringComparer.Ordinal);
                accounts[accountId] = contacts;
            }

            contacts.Add(contactId);
        }
    }
}
