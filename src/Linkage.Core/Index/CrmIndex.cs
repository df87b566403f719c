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
    private readonly KeyTable<object?> _byEmail;
    private readonly KeyTable<object?> _byPhone;
    private readonly KeyTable<DomainSlot> _byDomain;
    private readonly KeyTable<AccountSlot> _accounts;
    // Roles on deals that have no account: no activity can take such a deal, so only HasContactRole reads them.
    private readonly HashSet<(string DealId, string ContactId)> _rolesOffAccounts;
    private readonly Dictionary<string, Contact> _contacts;
    private readonly Dictionary<string, Lead> _leads;
    private readonly Dictionary<string, Deal> _deals;
    private readonly Dictionary<string, CrmUser> _users;

    private CrmIndex(Builder b)
    {
        _contacts = b.Contacts;
        _leads = b.Leads;
        _deals = b.Deals;
        _users = b.Users;
        _byEmail = b.ByEmail;
        _byPhone = b.ByPhone;
        _byDomain = b.ByDomain;
        _accounts = b.AccountSlots;
        // Candidate lists are sorted map by map, in parallel: each sort reads only records.
        bool origins = false;
        Action[] sorts =
        [
            () => origins = b.Contacts.Values.Any(c => c.Origin is not null) || b.Leads.Values.Any(l => l.Origin is not null),
            () => SortPeople(_byEmail),
            () => SortPeople(_byPhone),
            () => SortDomains(_byDomain),
        ];
        Parallel.Invoke(sorts);
        _rolesOffAccounts = b.RolesOffAccounts;
        DuplicateIds = b.DuplicateIds;
        SkippedKeys = b.SkippedKeys;
        RecordCount = _contacts.Count + b.Accounts.Count + _leads.Count + _deals.Count + _users.Count + b.DealRoleCount;
        HasRecordOrigins = origins;
    }

    /// <summary>True when some contact or lead carries an <c>Origin</c> (a live look-up found it), so matches must say so.</summary>
    public bool HasRecordOrigins { get; }

    /// <summary>Ids that appeared more than once in the snapshot; the latest <c>modifiedAt</c> (then the last) was kept.</summary>
    public IReadOnlyList<string> DuplicateIds { get; }

    /// <summary>Record emails, phones and domains that did not normalise and so can never match.</summary>
    public int SkippedKeys { get; }

    public int RecordCount { get; }

    /// <summary>Indexes <paramref name="snapshot"/>; phones are parsed with <paramref name="settings"/>' default region.</summary>
    public static CrmIndex Build(CrmSnapshot snapshot, LinkageSettings settings, ReferenceData reference) =>
        Build(snapshot, settings, reference, prepared: null);

    /// <summary>
    /// Indexes <paramref name="snapshot"/>, taking the people's keys from <paramref name="prepared"/> where it
    /// holds exactly the snapshot's records (see <see cref="PreparedKeys"/>); the index is the same either way.
    /// </summary>
    public static CrmIndex Build(CrmSnapshot snapshot, LinkageSettings settings, ReferenceData reference, PreparedKeys? prepared)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reference);
        PublicEmailDomains publicDomains = settings.PublicEmailDomains.Count == 0
            ? reference.PublicEmailDomains
            : reference.PublicEmailDomains.With(settings.PublicEmailDomains);
        var b = new Builder(settings.DefaultPhoneRegion, reference.PublicSuffixes, publicDomains);
        b.Add(snapshot, prepared?.DefaultRegion == settings.DefaultPhoneRegion ? prepared : null);
        return new CrmIndex(b);
    }

    public Contact? Contact(string id) => _contacts.GetValueOrDefault(id);

    public Account? Account(string id) => _accounts.GetValueOrDefault(id).Account;

    public Lead? Lead(string id) => _leads.GetValueOrDefault(id);

    public Deal? Deal(string id) => _deals.GetValueOrDefault(id);

    public CrmUser? User(string id) => _users.GetValueOrDefault(id);

    /// <summary>Contacts with this normalised email, best first.</summary>
    public Contact[] ContactsByEmail(string email) => ContactsOf(PersonByEmail(email)).ToArray();

    public Contact[] ContactsByPhone(string e164) => ContactsOf(PersonByPhone(e164)).ToArray();

    public Lead[] LeadsByEmail(string email) => LeadsOf(PersonByEmail(email)).ToArray();

    public Lead[] LeadsByPhone(string e164) => LeadsOf(PersonByPhone(e164)).ToArray();

    /// <summary>User ids with this email, smallest first.</summary>
    public string[] UsersByEmail(string email) => UsersOf(PersonByEmail(email)).ToArray();

    public string[] UsersByPhone(string e164) => UsersOf(PersonByPhone(e164)).ToArray();

    /// <summary>Accounts claiming this domain, latest <c>modifiedAt</c> then smallest id first.</summary>
    public Account[] AccountsByDomain(string domain) => AccountsOf(ByDomain(domain)).ToArray();

    /// <summary>Accounts of contacts whose email host is <paramref name="host"/>, most contacts first.</summary>
    public ColleagueAccount[] ColleaguesByHost(string host) => ByDomain(host).ColleaguesByHost ?? [];

    public ColleagueAccount[] ColleaguesByRegistrableDomain(string domain) => ByDomain(domain).ColleaguesByRegistrable ?? [];

    /// <summary>The account's deals, by id.</summary>
    public Deal[] DealsOfAccount(string accountId)
    {
        ReadOnlySpan<DealRow> rows = DealRowsOf(ByAccount(accountId));
        var deals = new Deal[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            deals[i] = rows[i].Deal;
        }

        return deals;
    }

    public bool HasContactRole(string dealId, string contactId)
    {
        if (Deal(dealId) is { AccountId: { } accountId })
        {
            foreach (DealRow row in DealRowsOf(ByAccount(accountId)))
            {
                if (string.Equals(row.Id, dealId, StringComparison.Ordinal))
                {
                    return row.HasContactRole(contactId);
                }
            }
        }

        return _rolesOffAccounts.Contains((dealId, contactId));
    }

    // The engine's look-ups: one hash look-up per key answers every step that key can take part in, and
    // single candidates come without an array.
    internal PersonSlot PersonByEmail(string email) => PersonSlot.Of(_byEmail.GetValueOrDefault(email));

    internal PersonSlot PersonByPhone(string e164) => PersonSlot.Of(_byPhone.GetValueOrDefault(e164));

    /// <summary>As <see cref="PersonByEmail(string)"/>, after <see cref="PrefetchEmail"/> gave the hash.</summary>
    internal PersonSlot PersonByEmail(string email, int hash) => PersonSlot.Of(_byEmail.GetValueOrDefault(email, hash));

    internal PersonSlot PersonByPhone(string e164, int hash) => PersonSlot.Of(_byPhone.GetValueOrDefault(e164, hash));

    /// <summary>Starts loading the email's entry (see <see cref="KeyTable{TValue}.Prefetch"/>); returns its hash for the look-up.</summary>
    internal int PrefetchEmail(string email)
    {
        int hash = KeyTable<object?>.Hash(email);
        _byEmail.Prefetch(hash);
        return hash;
    }

    /// <summary>The second step: the entry's key and record, once the entry is there.</summary>
    internal void PrefetchEmailContents(int hash) => _byEmail.PrefetchContents(hash);

    internal void PrefetchPhoneContents(int hash) => _byPhone.PrefetchContents(hash);

    internal int PrefetchPhone(string e164)
    {
        int hash = KeyTable<object?>.Hash(e164);
        _byPhone.Prefetch(hash);
        return hash;
    }

    internal DomainSlot ByDomain(string domain) => _byDomain.GetValueOrDefault(domain);

    internal DomainSlot ByDomain(ReadOnlySpan<char> domain) => _byDomain.GetValueOrDefault(domain);

    internal AccountSlot ByAccount(string accountId) => _accounts.GetValueOrDefault(accountId);

    // One typed reader per field rather than one generic: in shared generic code the "one record or an
    // array" type tests go through a run-time type look-up, here they are a method-table compare on a sealed
    // type, and they run for every participant.
    internal static Candidates<string> UsersOf(PersonSlot slot) => slot.Users switch
    {
        null => default,
        string one => new(one, null),
        var many => new(null, (string[])many),
    };

    internal static Candidates<Contact> ContactsOf(PersonSlot slot) => slot.Contacts switch
    {
        null => default,
        Contact one => new(one, null),
        var many => new(null, (Contact[])many),
    };

    internal static Candidates<Lead> LeadsOf(PersonSlot slot) => slot.Leads switch
    {
        null => default,
        Lead one => new(one, null),
        var many => new(null, (Lead[])many),
    };

    internal static Candidates<Account> AccountsOf(DomainSlot slot) => slot.Accounts switch
    {
        null => default,
        Account one => new(one, null),
        var many => new(null, (Account[])many),
    };

    /// <summary>The account's deals by id, each with what the deal step reads (see <see cref="DealRow"/>).</summary>
    internal static ReadOnlySpan<DealRow> DealRowsOf(AccountSlot slot) => slot.Deals;

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
    private void SortPeople(KeyTable<object?> map)
    {
        // Made once: an instance method group is a new delegate each time it is passed, and this loop runs
        // for every key (at 1M contacts it made ~2.4M delegates, 150 MB of garbage and a gen2 collection).
        Comparison<string> userOrder = string.CompareOrdinal;
        Comparison<Contact> contactOrder = ContactOrder;
        Comparison<Lead> leadOrder = LeadOrder;
        foreach (object? entry in map.Values)
        {
            PersonEntry.Sort(entry, userOrder, contactOrder, leadOrder);
        }
    }

    private static void SortDomains(KeyTable<DomainSlot> map)
    {
        foreach (DomainSlot slot in map.Values)
        {
            SlotField.Sort<Account>(slot.Accounts, AccountOrder);
            if (slot.ColleaguesByHost is { Length: > 1 } byHost)
            {
                Array.Sort(byHost, ColleagueOrder);
            }

            if (slot.ColleaguesByRegistrable is { Length: > 1 } byRegistrable)
            {
                Array.Sort(byRegistrable, ColleagueOrder);
            }
        }
    }

    /// <summary>
    /// Fills the index: record keys are normalised in parallel (phones and emails are the expensive part),
    /// then inserted into maps sized up front, each map filled by one thread in snapshot order. Most keys
    /// have one record, so a slot holds a single record until a second one arrives.
    /// </summary>
    private sealed class Builder(string defaultRegion, PublicSuffixList psl, PublicEmailDomains publicDomains)
    {
        public Dictionary<string, Contact> Contacts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Account> Accounts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Lead> Leads { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Deal> Deals { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, CrmUser> Users { get; } = new(StringComparer.Ordinal);
        public KeyTable<object?> ByEmail { get; private set; } = new(0);
        public KeyTable<object?> ByPhone { get; private set; } = new(0);
        public KeyTable<DomainSlot> ByDomain { get; private set; } = new(0);
        public KeyTable<AccountSlot> AccountSlots { get; private set; } = new(0);
        public HashSet<(string, string)> RolesOffAccounts { get; } = [];
        public int DealRoleCount { get; private set; }
        public List<string> DuplicateIds { get; } = [];
        public int SkippedKeys { get; private set; }

        public void Add(CrmSnapshot s, PreparedKeys? prepared)
        {
            // Each map is filled by one thread in snapshot order, so every map's content and order are what a
            // sequential build gives; the maps themselves are filled two at a time.
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

            CrmUser[] users = [.. Users.Values];
            PersonKeys[] userKeys = prepared?.Users(users) ?? [.. users.Select(u => PersonKeys.Of(u.Emails, u.Phones, u.Region, defaultRegion))];
            Contact[] contacts = [.. Contacts.Values];
            PersonKeys[] contactKeys = prepared?.Contacts(contacts) ?? Normalise(contacts, c => PersonKeys.Of(c.Emails, c.Phones, c.Region, defaultRegion));
            Lead[] leads = [.. Leads.Values];
            PersonKeys[] leadKeys = prepared?.Leads(leads) ?? Normalise(leads, l => PersonKeys.Of(l.Emails, l.Phones, l.Region, defaultRegion));
            var people = new People(users, userKeys, contacts, contactKeys, leads, leadKeys);

            // Paired so the two threads take about as long (at 1M contacts: emails 0.55 s + accounts 0.15 s,
            // phones 0.3 s + domains 0.7 s); the domains used to follow the emails, the longest two in a row.
            int domainSkipped = 0, accountSkipped = 0;
            Parallel.Invoke(
                () =>
                {
                    ByEmail = PersonMap(people, k => k.Emails, contacts.Length + leads.Length);
                    accountSkipped = AddAccounts(s);
                },
                () =>
                {
                    // Fewer people have a phone than an email: sized for the contacts, it grows if it must.
                    ByPhone = PersonMap(people, k => k.Phones, contacts.Length);
                    domainSkipped = AddDomains(contacts, contactKeys);
                });
            SkippedKeys += domainSkipped + accountSkipped +
                userKeys.Sum(k => k.Skipped) + contactKeys.Sum(k => k.Skipped) + leadKeys.Sum(k => k.Skipped);
        }

        /// <summary>
        /// One person map: every user, contact and lead under each of its keys that <paramref name="keysOf"/>
        /// picks (its emails, or its phones), in snapshot order.
        /// </summary>
        private static KeyTable<object?> PersonMap(People p, Func<PersonKeys, string[]> keysOf, int capacity)
        {
            var map = new KeyTable<object?>(capacity);
            for (int i = 0; i < p.Users.Length; i++)
            {
                foreach (string key in keysOf(p.UserKeys[i]))
                {
                    PersonEntry.Add(ref map.GetOrAdd(key), p.Users[i].Id);
                }
            }

            for (int i = 0; i < p.Contacts.Length; i++)
            {
                foreach (string key in keysOf(p.ContactKeys[i]))
                {
                    PersonEntry.Add(ref map.GetOrAdd(key), p.Contacts[i]);
                }
            }

            for (int i = 0; i < p.Leads.Length; i++)
            {
                foreach (string key in keysOf(p.LeadKeys[i]))
                {
                    PersonEntry.Add(ref map.GetOrAdd(key), p.Leads[i]);
                }
            }

            return map;
        }

        /// <summary>Accounts by their own domains, then the colleague counts of contacts' email hosts.</summary>
        private int AddDomains(Contact[] contacts, PersonKeys[] contactKeys)
        {
            int skipped = 0;
            ByDomain = new KeyTable<DomainSlot>(Accounts.Count * 2);
            foreach (Account a in Accounts.Values)
            {
                skipped += AddAccountDomains(a);
            }

            for (int i = 0; i < contacts.Length; i++)
            {
                if (contacts[i].AccountId is not { } accountId)
                {
                    continue;
                }

                string[] emails = contactKeys[i].Emails;
                for (int e = 0; e < emails.Length; e++)
                {
                    ReadOnlySpan<char> host = Host(emails[e]);
                    int registrableStart = psl.RegistrableStart(host);
                    ReadOnlySpan<char> registrable = registrableStart < 0 ? default : host[registrableStart..];
                    // Most hosts are their own registrable domain (start 0): one look-up then serves both.
                    if (publicDomains.Contains(host) || (registrableStart > 0 && publicDomains.Contains(registrable)))
                    {
                        continue;
                    }

                    // A contact counts once per host (and registrable domain) even when it lists two addresses there.
                    bool countHost = !SeenBefore(emails, e, host, registrableOnly: false);
                    bool countRegistrable = registrableStart >= 0 && !SeenBefore(emails, e, registrable, registrableOnly: true);
                    if (registrableStart == 0 && countHost && countRegistrable)
                    {
                        ref DomainSlot both = ref ByDomain.GetOrAdd(host);
                        CountColleague(ref both.ColleaguesByHost, accountId);
                        CountColleague(ref both.ColleaguesByRegistrable, accountId);
                        continue;
                    }

                    if (countHost)
                    {
                        CountColleague(ref ByDomain.GetOrAdd(host).ColleaguesByHost, accountId);
                    }

                    if (countRegistrable)
                    {
                        CountColleague(ref ByDomain.GetOrAdd(registrable).ColleaguesByRegistrable, accountId);
                    }
                }
            }

            return skipped;
        }

        /// <summary>
        /// Account slots: each account's record and its deals as rows, by id (deals may name accounts the
        /// snapshot lacks), each row with the contacts holding a role on it.
        /// </summary>
        private int AddAccounts(CrmSnapshot s)
        {
            AccountSlots = new KeyTable<AccountSlot>(Accounts.Count);
            foreach (Account a in Accounts.Values)
            {
                AccountSlots.GetOrAdd(a.Id).Account = a;
            }

            var rolesByDeal = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (DealContact role in s.DealContacts)
            {
                if (Deals.TryGetValue(role.DealId, out Deal? deal) && deal.AccountId is not null)
                {
                    ref object? holders = ref CollectionsMarshal.GetValueRefOrAddDefault(rolesByDeal, deal.Id, out _);
                    if (!HoldsRole(holders, role.ContactId))
                    {
                        SlotField.Append(ref holders, role.ContactId);
                        DealRoleCount++;
                    }
                }
                else if (RolesOffAccounts.Add((role.DealId, role.ContactId)))
                {
                    DealRoleCount++;
                }
            }

            // By account, then by id: each account's deals are one run, already in the order the engine reads.
            Deal[] deals = [.. Deals.Values.Where(d => d.AccountId is not null)];
            Array.Sort(deals, (x, y) =>
            {
                int byAccount = string.CompareOrdinal(x.AccountId, y.AccountId);
                return byAccount != 0 ? byAccount : string.CompareOrdinal(x.Id, y.Id);
            });
            for (int start = 0, end; start < deals.Length; start = end)
            {
                string accountId = deals[start].AccountId!;
                end = start + 1;
                while (end < deals.Length && string.Equals(deals[end].AccountId, accountId, StringComparison.Ordinal))
                {
                    end++;
                }

                var rows = new DealRow[end - start];
                for (int i = 0; i < rows.Length; i++)
                {
                    Deal deal = deals[start + i];
                    rows[i] = new DealRow(deal, rolesByDeal.GetValueOrDefault(deal.Id));
                }

                AccountSlots.GetOrAdd(accountId).Deals = rows;
            }

            return 0;
        }

        private static bool HoldsRole(object? holders, string contactId) => holders switch
        {
            null => false,
            string one => string.Equals(one, contactId, StringComparison.Ordinal),
            _ => Array.IndexOf((string[])holders, contactId) >= 0,
        };

        private static ReadOnlySpan<char> Host(string address) => address.AsSpan(address.IndexOf('@') + 1);

        /// <summary>True when an address before <paramref name="e"/> has the same host (or registrable domain).</summary>
        private bool SeenBefore(string[] emails, int e, ReadOnlySpan<char> domain, bool registrableOnly)
        {
            for (int j = 0; j < e; j++)
            {
                ReadOnlySpan<char> other = Host(emails[j]);
                int start = registrableOnly ? psl.RegistrableStart(other) : 0;
                if (start >= 0 && other[start..].SequenceEqual(domain))
                {
                    return true;
                }
            }

            return false;
        }

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
                ref object? accounts = ref ByDomain.GetOrAdd(domain).Accounts;
                if (!ReferenceEquals(accounts, a) && !(accounts is Account[] many && Array.IndexOf(many, a) >= 0))
                {
                    SlotField.Append(ref accounts, a);
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
                // One look-up per record: a million of them at 1M contacts.
                ref T? kept = ref CollectionsMarshal.GetValueRefOrAddDefault(byId, id, out bool exists);
                if (exists)
                {
                    duplicateIds.Add(id);
                    if (Nullable.Compare(modified(record), modified(kept!)) < 0)
                    {
                        continue;
                    }
                }

                kept = record;
            }
        }

        private static void CountColleague(ref ColleagueAccount[]? slot, string accountId)
        {
            if (slot is null)
            {
                slot = [new ColleagueAccount(accountId, 1)];
                return;
            }

            for (int i = 0; i < slot.Length; i++)
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

    /// <summary>The deduplicated people of a snapshot with their normalised keys, side by side.</summary>
    private sealed record People(
        CrmUser[] Users, PersonKeys[] UserKeys, Contact[] Contacts, PersonKeys[] ContactKeys, Lead[] Leads, PersonKeys[] LeadKeys);
}
