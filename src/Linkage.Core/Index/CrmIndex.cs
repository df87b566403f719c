using System.Runtime.InteropServices;
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

    private readonly Dictionary<string, Contact[]> _contactsByEmail;
    private readonly Dictionary<string, Contact[]> _contactsByPhone;
    private readonly Dictionary<string, Lead[]> _leadsByEmail;
    private readonly Dictionary<string, Lead[]> _leadsByPhone;
    private readonly Dictionary<string, string[]> _usersByEmail;
    private readonly Dictionary<string, string[]> _usersByPhone;
    private readonly Dictionary<string, Account[]> _accountsByDomain;
    private readonly Dictionary<string, ColleagueAccount[]> _colleaguesByHost;
    private readonly Dictionary<string, ColleagueAccount[]> _colleaguesByRegistrable;
    private readonly Dictionary<string, Deal[]> _dealsByAccount;
    private readonly HashSet<(string DealId, string ContactId)> _dealRoles;
    private readonly Dictionary<string, Contact> _contacts;
    private readonly Dictionary<string, Account> _accounts;
    private readonly Dictionary<string, Lead> _leads;
    private readonly Dictionary<string, Deal> _deals;
    private readonly Dictionary<string, CrmUser> _users;

    private CrmIndex(Builder b)
    {
        _contacts = b.Contacts;
        _accounts = b.Accounts;
        _leads = b.Leads;
        _deals = b.Deals;
        _users = b.Users;
        // Candidate lists are sorted map by map, two maps at a time: each sort reads only records.
        Action[] sorts =
        [
            () => SortEach(b.ContactsByEmail, ContactOrder),
            () => SortEach(b.ContactsByPhone, ContactOrder),
            () => SortEach(b.LeadsByEmail, LeadOrder),
            () => SortEach(b.LeadsByPhone, LeadOrder),
            () => SortEach(b.UsersByEmail, string.CompareOrdinal),
            () => SortEach(b.UsersByPhone, string.CompareOrdinal),
            () => SortEach(b.AccountsByDomain, AccountOrder),
            () => SortEach(b.DealsByAccount, (x, y) => string.CompareOrdinal(x.Id, y.Id)),
            () => SortEach(b.ColleaguesByHost, ColleagueOrder),
            () => SortEach(b.ColleaguesByRegistrable, ColleagueOrder),
        ];
        Parallel.Invoke(sorts);
        _contactsByEmail = b.ContactsByEmail;
        _contactsByPhone = b.ContactsByPhone;
        _leadsByEmail = b.LeadsByEmail;
        _leadsByPhone = b.LeadsByPhone;
        _usersByEmail = b.UsersByEmail;
        _usersByPhone = b.UsersByPhone;
        _accountsByDomain = b.AccountsByDomain;
        _dealsByAccount = b.DealsByAccount;
        _colleaguesByHost = b.ColleaguesByHost;
        _colleaguesByRegistrable = b.ColleaguesByRegistrable;
        _dealRoles = b.DealRoles;
        DuplicateIds = b.DuplicateIds;
        SkippedKeys = b.SkippedKeys;
        RecordCount = _contacts.Count + _accounts.Count + _leads.Count + _deals.Count + _users.Count + _dealRoles.Count;
        HasRecordOrigins = _contacts.Values.Any(c => c.Origin is not null) || _leads.Values.Any(l => l.Origin is not null);
    }

    /// <summary>True when some contact or lead carries an <c>Origin</c> (a live look-up found it), so matches must say so.</summary>
    public bool HasRecordOrigins { get; }

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
        PublicEmailDomains publicDomains = settings.PublicEmailDomains.Count == 0
            ? reference.PublicEmailDomains
            : reference.PublicEmailDomains.With(settings.PublicEmailDomains);
        var b = new Builder(settings.DefaultPhoneRegion, reference.PublicSuffixes, publicDomains);
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

    private static int ColleagueOrder(ColleagueAccount x, ColleagueAccount y) =>
        x.Contacts != y.Contacts ? y.Contacts.CompareTo(x.Contacts) : string.CompareOrdinal(x.AccountId, y.AccountId);

    /// <summary>Sorts every candidate list in place by a total order, so snapshot order never shows.</summary>
    private static void SortEach<T>(Dictionary<string, T[]> map, Comparison<T> order)
    {
        foreach (T[] items in map.Values)
        {
            if (items.Length > 1)
            {
                Array.Sort(items, order);
            }
        }
    }

    /// <summary>
    /// Fills the index: record keys are normalised in parallel (phones and emails are the expensive part),
    /// then inserted in one pass into dictionaries sized up front. Most keys have one record, so candidate
    /// lists are arrays grown one slot at a time.
    /// </summary>
    private sealed class Builder(string defaultRegion, PublicSuffixList psl, PublicEmailDomains publicDomains)
    {
        public Dictionary<string, Contact> Contacts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Account> Accounts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Lead> Leads { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Deal> Deals { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, CrmUser> Users { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Contact[]> ContactsByEmail { get; private set; } = new(StringComparer.Ordinal);
        public Dictionary<string, Contact[]> ContactsByPhone { get; private set; } = new(StringComparer.Ordinal);
        public Dictionary<string, Lead[]> LeadsByEmail { get; private set; } = new(StringComparer.Ordinal);
        public Dictionary<string, Lead[]> LeadsByPhone { get; private set; } = new(StringComparer.Ordinal);
        public Dictionary<string, string[]> UsersByEmail { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string[]> UsersByPhone { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Account[]> AccountsByDomain { get; private set; } = new(StringComparer.Ordinal);
        public Dictionary<string, Deal[]> DealsByAccount { get; private set; } = new(StringComparer.Ordinal);
        public Dictionary<string, ColleagueAccount[]> ColleaguesByHost { get; private set; } = new(StringComparer.Ordinal);
        public Dictionary<string, ColleagueAccount[]> ColleaguesByRegistrable { get; private set; } = new(StringComparer.Ordinal);
        public HashSet<(string, string)> DealRoles { get; } = [];
        public List<string> DuplicateIds { get; } = [];
        public int SkippedKeys { get; private set; }

        public void Add(CrmSnapshot s)
        {
            // Each map is filled by one thread in snapshot order, as before, so every map's content and
            // order are what a sequential build gives; the maps themselves are filled two at a time.
            var contactDuplicates = new List<string>();
            var otherDuplicates = new List<string>();
            Parallel.Invoke(
                () => Dedupe(s.Contacts, Contacts, c => c.Id, c => c.ModifiedAt, contactDuplicates),
                () =>
                {
                    Dedupe(s.Users, Users, u => u.Id, u => null, otherDuplicates);
                    Dedupe(s.Accounts, Accounts, a => a.Id, a => a.ModifiedAt, otherDuplicates);
                });
            var leadDuplicates = new List<string>();
            var dealDuplicates = new List<string>();
            Parallel.Invoke(
                () => Dedupe(s.Leads, Leads, l => l.Id, l => l.ModifiedAt, leadDuplicates),
                () => Dedupe(s.Deals, Deals, d => d.Id, d => d.ModifiedAt, dealDuplicates));
            // Reported in the order a sequential pass found them: users, accounts, contacts, leads, deals.
            DuplicateIds.AddRange(otherDuplicates);
            DuplicateIds.AddRange(contactDuplicates);
            DuplicateIds.AddRange(leadDuplicates);
            DuplicateIds.AddRange(dealDuplicates);

            Contact[] contacts = [.. Contacts.Values];
            PersonKeys[] contactKeys = Normalise(contacts, c => PersonKeys.Of(c.Emails, c.Phones, c.Region, defaultRegion, psl));
            Lead[] leads = [.. Leads.Values];
            PersonKeys[] leadKeys = Normalise(leads, l => PersonKeys.Of(l.Emails, l.Phones, l.Region, defaultRegion, null));

            int emailSkipped = 0, otherSkipped = 0;
            Parallel.Invoke(
                () => emailSkipped = AddContactEmails(contacts, contactKeys),
                () => otherSkipped = AddUsers() + AddAccounts() + AddContactPhones(contacts, contactKeys) + AddLeads(leads, leadKeys) + AddDeals(s));
            SkippedKeys += emailSkipped + otherSkipped;
        }

        private int AddUsers()
        {
            int skipped = 0;
            foreach (CrmUser u in Users.Values)
            {
                PersonKeys keys = PersonKeys.Of(u.Emails, u.Phones, u.Region, defaultRegion, null);
                skipped += keys.Skipped;
                foreach (string email in keys.Emails)
                {
                    Append(UsersByEmail, email, u.Id);
                }

                foreach (string phone in keys.Phones)
                {
                    Append(UsersByPhone, phone, u.Id);
                }
            }

            return skipped;
        }

        private int AddAccounts()
        {
            int skipped = 0;
            AccountsByDomain = new Dictionary<string, Account[]>(Accounts.Count, StringComparer.Ordinal);
            foreach (Account a in Accounts.Values)
            {
                skipped += AddAccountDomains(a);
            }

            return skipped;
        }

        /// <summary>Contacts by email and the colleague counts; the contacts' skipped keys (emails and phones) are counted here.</summary>
        private int AddContactEmails(Contact[] contacts, PersonKeys[] contactKeys)
        {
            int skipped = 0;
            ContactsByEmail = new Dictionary<string, Contact[]>(contacts.Length, StringComparer.Ordinal);
            ColleaguesByHost = new Dictionary<string, ColleagueAccount[]>(Accounts.Count, StringComparer.Ordinal);
            ColleaguesByRegistrable = new Dictionary<string, ColleagueAccount[]>(Accounts.Count, StringComparer.Ordinal);
            for (int i = 0; i < contacts.Length; i++)
            {
                Contact c = contacts[i];
                PersonKeys keys = contactKeys[i];
                skipped += keys.Skipped;
                for (int e = 0; e < keys.Emails.Length; e++)
                {
                    Append(ContactsByEmail, keys.Emails[e], c);
                    if (c.AccountId is { } accountId && !IsPublic(keys.Hosts[e], keys.Registrables[e]))
                    {
                        // A contact counts once per host even when it lists two addresses there.
                        if (Array.IndexOf(keys.Hosts, keys.Hosts[e]) == e)
                        {
                            CountColleague(ColleaguesByHost, keys.Hosts[e], accountId);
                        }

                        if (keys.Registrables[e] is { } registrable && Array.IndexOf(keys.Registrables, registrable) == e)
                        {
                            CountColleague(ColleaguesByRegistrable, registrable, accountId);
                        }
                    }
                }
            }

            return skipped;
        }

        private int AddContactPhones(Contact[] contacts, PersonKeys[] contactKeys)
        {
            ContactsByPhone = new Dictionary<string, Contact[]>(contacts.Length, StringComparer.Ordinal);
            for (int i = 0; i < contacts.Length; i++)
            {
                foreach (string phone in contactKeys[i].Phones)
                {
                    Append(ContactsByPhone, phone, contacts[i]);
                }
            }

            return 0;
        }

        private int AddLeads(Lead[] leads, PersonKeys[] leadKeys)
        {
            int skipped = 0;
            LeadsByEmail = new Dictionary<string, Lead[]>(leads.Length, StringComparer.Ordinal);
            LeadsByPhone = new Dictionary<string, Lead[]>(leads.Length, StringComparer.Ordinal);
            for (int i = 0; i < leads.Length; i++)
            {
                skipped += leadKeys[i].Skipped;
                foreach (string email in leadKeys[i].Emails)
                {
                    Append(LeadsByEmail, email, leads[i]);
                }

                foreach (string phone in leadKeys[i].Phones)
                {
                    Append(LeadsByPhone, phone, leads[i]);
                }
            }

            return skipped;
        }

        private int AddDeals(CrmSnapshot s)
        {
            DealsByAccount = new Dictionary<string, Deal[]>(Accounts.Count, StringComparer.Ordinal);
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

            return 0;
        }

        /// <summary>Free-mail hosts never take part in domain rules, so their colleagues are not indexed.</summary>
        private bool IsPublic(string host, string? registrable) =>
            publicDomains.Contains(host) || (registrable is not null && publicDomains.Contains(registrable));

        private static PersonKeys[] Normalise<T>(T[] records, Func<T, PersonKeys> normalise)
        {
            var keys = new PersonKeys[records.Length];
            Parallel.For(0, records.Length, new ParallelOptions(), i => keys[i] = normalise(records[i]));
            return keys;
        }

        private int AddAccountDomains(Account a)
        {
            int skipped = 0;
            IEnumerable<string> raw = a.Website is null ? a.Domains : a.Domains.Append(a.Website);
            foreach (string r in raw)
            {
                if (DomainName.Normalise(r, dropWww: true) is not { } domain || !domain.Contains('.', StringComparison.Ordinal))
                {
                    skipped++;
                    continue;
                }

                // An account listing one domain twice (as website and in domains) is indexed once.
                if (!AccountsByDomain.TryGetValue(domain, out Account[]? existing) || !Array.Exists(existing, e => ReferenceEquals(e, a)))
                {
                    Append(AccountsByDomain, domain, a);
                }
            }

            return skipped;
        }

        private static void Dedupe<T>(IReadOnlyList<T> records, Dictionary<string, T> byId, Func<T, string> idOf,
            Func<T, DateTimeOffset?> modified, List<string> duplicateIds)
            where T : class
        {
            byId.EnsureCapacity(records.Count);
            foreach (T record in records)
            {
                string id = idOf(record);
                if (byId.TryGetValue(id, out T? existing))
                {
                    duplicateIds.Add(id);
                    if (Nullable.Compare(modified(record), modified(existing)) < 0)
                    {
                        continue;
                    }
                }

                byId[id] = record;
            }
        }

        private static void Append<T>(Dictionary<string, T[]> map, string key, T value)
        {
            ref T[]? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out bool exists);
            if (!exists)
            {
                slot = [value];
                return;
            }

            Array.Resize(ref slot, slot!.Length + 1);
            slot[^1] = value;
        }

        private static void CountColleague(Dictionary<string, ColleagueAccount[]> map, string key, string accountId)
        {
            ref ColleagueAccount[]? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out bool exists);
            if (!exists)
            {
                slot = [new ColleagueAccount(accountId, 1)];
                return;
            }

            for (int i = 0; i < slot!.Length; i++)
            {
                if (string.Equals(slot[i].AccountId, accountId, StringComparison.Ordinal))
                {
                    slot[i] = slot[i] with { Contacts = slot[i].Contacts + 1 };
                    return;
                }
            }

            Array.Resize(ref slot, slot.Length + 1);
            slot[^1] = new ColleagueAccount(accountId, 1);
        }
    }

    /// <summary>One record's normalised keys; <see cref="Hosts"/> and <see cref="Registrables"/> run parallel to <see cref="Emails"/>.</summary>
    private readonly record struct PersonKeys(string[] Emails, string[] Hosts, string?[] Registrables, string[] Phones, int Skipped)
    {
        public static PersonKeys Of(IReadOnlyList<string> emails, IReadOnlyList<string> phones, string? region, string defaultRegion,
            PublicSuffixList? psl)
        {
            int skipped = 0;
            var addresses = new List<string>(emails.Count);
            var hosts = new List<string>(emails.Count);
            var registrables = new List<string?>(emails.Count);
            foreach (string raw in emails)
            {
                if (!EmailAddress.TryParse(raw, out EmailAddress email))
                {
                    skipped++;
                }
                else if (!addresses.Contains(email.Address))
                {
                    addresses.Add(email.Address);
                    hosts.Add(email.Host);
                    registrables.Add(psl?.RegistrableDomain(email.Host));
                }
            }

            var numbers = new List<string>(phones.Count);
            foreach (string raw in phones)
            {
                if (!PhoneNumber.TryNormalise(raw, region, defaultRegion, out string e164))
                {
                    skipped++;
                }
                else if (!numbers.Contains(e164))
                {
                    numbers.Add(e164);
                }
            }

            return new PersonKeys([.. addresses], [.. hosts], [.. registrables], [.. numbers], skipped);
        }
    }
}
