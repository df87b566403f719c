using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;

namespace Linkage.Core.Engine;

/// <summary>
/// The working state of an <see cref="Associator.Associate"/> call: classification, refs, cascade, deals.
/// One instance serves one call at a time and is reused for the next (see <see cref="Associator"/>), so its
/// sets and scratch arrays are not allocated per activity; everything a result holds is made fresh.
/// </summary>
internal sealed class ActivityRun
{
    private Activity _activity = null!;
    private readonly CrmIndex _index;
    private readonly LinkageSettings _settings;
    private readonly ClassificationRules _rules;
    private readonly IDialerLookup? _dialer;
    private readonly KeyMemo _memo;

    private readonly SmallIdSet _contacts = new();
    private readonly SmallIdSet _accounts = new();
    private readonly SmallIdSet _leads = new();
    private readonly SmallIdSet _explicitDeals = new();
    private readonly SmallIdSet _internalUsers = new();
    // Most activities carry neither references nor warnings: these lists are made on first use.
    private List<ExplicitReference>? _explicitRefs;
    private List<AssociationWarning>? _warnings;
    private int _apiCalls;
    // The index's slots for each participant's keys, fetched on first use (see KeySlots).
    private KeySlots[] _slots = [];
    // Most activities gather one account, looked up once for its existence and again for its deals.
    private string? _lastAccountId;
    private AccountSlot _lastAccount;
    // The activity's time as the deal rows compare it: UTC ticks and its UTC day's number.
    private long _occurredTicks;
    private int _day;

    public ActivityRun(CrmIndex index, LinkageSettings settings, ClassificationRules rules, IDialerLookup? dialer, KeyMemo memo)
    {
        _memo = memo;
        _index = index;
        _settings = settings;
        _rules = rules;
        _dialer = dialer;
    }

    public AssociationResult Execute(Activity activity)
    {
        Reset(activity);
        IReadOnlyList<Participant> participants = _activity.Participants;
        if (_slots.Length < participants.Count)
        {
            _slots = new KeySlots[participants.Count];
        }
        else
        {
            Array.Clear(_slots, 0, participants.Count);
        }

        // Every participant's keys first, each key's index entry asked for as soon as it is known: the look-ups
        // below then find their entries arriving together rather than waiting for one miss after another.
        for (int i = 0; i < participants.Count; i++)
        {
            ref KeySlots slots = ref _slots[i];
            slots.Keys = ParticipantKeys.From(participants[i], _memo);
            if (slots.Keys.Email is { } email)
            {
                slots.EmailHash = _index.PrefetchEmail(email.Address);
            }

            if (slots.Keys.Phone is { } phone)
            {
                slots.PhoneHash = _index.PrefetchPhone(phone);
            }
        }

        for (int i = 0; i < participants.Count; i++)
        {
            ref KeySlots slots = ref _slots[i];
            if (slots.Keys.Email is not null)
            {
                _index.PrefetchEmailContents(slots.EmailHash);
            }

            if (slots.Keys.Phone is not null)
            {
                _index.PrefetchPhoneContents(slots.PhoneHash);
            }
        }

        // Classify everyone first: the internal participants steer the account and deal tie-breaks.
        bool allInternal = true;
        for (int i = 0; i < participants.Count; i++)
        {
            ref KeySlots slots = ref _slots[i];
            slots.Class = Classify(participants[i], i, out slots.UserId);
            allInternal &= slots.Class == ParticipantClass.Internal;
            if (slots.UserId is { } userId)
            {
                _internalUsers.Add(userId);
            }

            WarnAboutInvalidKeys(participants[i], slots.Keys, i);
        }

        AddExplicitRefs(_activity.CrmRefs, "activity");
        for (int i = 0; i < participants.Count; i++)
        {
            if (participants[i].CrmRefs.Count > 0)
            {
                AddExplicitRefs(participants[i].CrmRefs, $"participant:{i}");
            }
        }

        var results = new ParticipantResult[participants.Count];
        for (int i = 0; i < participants.Count; i++)
        {
            ParticipantKeys keys = _slots[i].Keys;
            // Only external participants go through the cascade; the result is made once, with its match.
            CascadeOutcome match = _slots[i].Class == ParticipantClass.External ? Cascade(i) : default;
            results[i] = new ParticipantResult
            {
                Email = keys.Email?.Address ?? Trimmed(participants[i].Email),
                Phone = keys.Phone ?? Trimmed(participants[i].Phone),
                Role = participants[i].Role,
                Class = _slots[i].Class,
                UserId = _slots[i].UserId,
                Rule = match.Rule,
                ContactId = match.ContactId,
                AccountId = match.AccountId,
                LeadId = match.LeadId,
                ConvertedLeadId = match.ConvertedLeadId,
                MatchedOn = match.MatchedOn,
                Ambiguous = match.Ambiguous,
                Candidates = match.Candidates ?? [],
                TieBreak = match.TieBreak,
                Source = match.Source,
                Lookup = match.Lookup,
            };
            if (_index.HasRecordOrigins && results[i].Source is null && OriginOf(results[i]) is { } origin)
            {
                results[i] = results[i] with { Source = origin };
            }
        }

        List<DealReason>? dealReasons = SelectDeals();
        string[] deals = dealReasons is null ? [] : new string[dealReasons.Count];
        for (int i = 0; i < deals.Length; i++)
        {
            deals[i] = dealReasons![i].DealId;
        }

        bool anything = _contacts.Count + _accounts.Count + _leads.Count + deals.Length > 0;
        AssociationStatus status = anything
            ? AssociationStatus.Associated
            : participants.Count > 0 && allInternal
                ? AssociationStatus.Internal
                : AssociationStatus.Unmatched;

        return new AssociationResult
        {
            ActivityId = _activity.Id,
            Status = status,
            Contacts = _contacts.ToSortedArray(),
            Accounts = _accounts.ToSortedArray(),
            Leads = _leads.ToSortedArray(),
            Deals = deals,
            Participants = results,
            DealReasons = dealReasons is null ? Array.Empty<DealReason>() : dealReasons,
            ExplicitRefs = (IReadOnlyList<ExplicitReference>?)_explicitRefs ?? [],
            Warnings = (IReadOnlyList<AssociationWarning>?)_warnings ?? [],
            CrmApiCalls = _apiCalls,
        };
    }

    /// <summary>Forgets the previous activity: sets emptied, per-result lists left for the next to make.</summary>
    private void Reset(Activity activity)
    {
        _activity = activity;
        _contacts.Clear();
        _accounts.Clear();
        _leads.Clear();
        _explicitDeals.Clear();
        _internalUsers.Clear();
        _explicitRefs = null;
        _warnings = null;
        _apiCalls = 0;
        _lastAccountId = null;
        _lastAccount = default;
        _occurredTicks = activity.OccurredAt.UtcTicks;
        _day = DealEligibility.ActivityDay(activity.OccurredAt).DayNumber;
    }

    /// <summary>Where the matched record came from, when a live look-up found it on an earlier run.</summary>
    private string? OriginOf(ParticipantResult r) =>
        (r.ContactId is { } c ? _index.Contact(c)?.Origin : null) ?? (r.LeadId is { } l ? _index.Lead(l)?.Origin : null) ??
        (r.ConvertedLeadId is { } cl ? _index.Lead(cl)?.Origin : null);

    private void Warn(AssociationWarning warning) => (_warnings ??= []).Add(warning);

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private ParticipantClass Classify(Participant p, int i, out string? userId)
    {
        ParticipantKeys keys = _slots[i].Keys;
        userId = FindUser(i);
        if (p.Affiliation == Affiliation.Internal || userId is not null ||
            (keys.Email is { } e && _rules.IsCompanyHost(e.Host)))
        {
            return ParticipantClass.Internal;
        }

        if (keys.Email is { } email)
        {
            if (_rules.IsSpam(email))
            {
                return ParticipantClass.Spam;
            }

            if (_rules.IsAutomated(email))
            {
                return ParticipantClass.Automated;
            }
        }

        return keys.Email is null && keys.Phone is null ? ParticipantClass.Invalid : ParticipantClass.External;
    }

    private string? FindUser(int i)
    {
        ParticipantKeys keys = _slots[i].Keys;
        if (keys.Email is { } email)
        {
            if (CrmIndex.UsersOf(EmailSlot(i)).Best is { } byEmail)
            {
                return byEmail;
            }

            if (email.SubaddressFree is not null && CrmIndex.UsersOf(FreeSlot(i)).Best is { } byFree)
            {
                return byFree;
            }
        }

        return keys.Phone is not null ? CrmIndex.UsersOf(PhoneSlot(i)).Best : null;
    }

    /// <summary>The index's slot for participant <paramref name="i"/>'s normalised email (empty without one).</summary>
    private PersonSlot EmailSlot(int i)
    {
        ref KeySlots s = ref _slots[i];
        if ((s.Fetched & KeySlots.EmailBit) == 0)
        {
            s.Email = s.Keys.Email is { } email ? _index.PersonByEmail(email.Address, s.EmailHash) : default;
            s.Fetched |= KeySlots.EmailBit;
        }

        return s.Email;
    }

    /// <summary>The slot for the email without its sub-address tag (empty when it has none).</summary>
    private PersonSlot FreeSlot(int i)
    {
        ref KeySlots s = ref _slots[i];
        if ((s.Fetched & KeySlots.FreeBit) == 0)
        {
            s.Free = s.Keys.Email?.SubaddressFree is { } free ? _index.PersonByEmail(free) : default;
            s.Fetched |= KeySlots.FreeBit;
        }

        return s.Free;
    }

    private PersonSlot PhoneSlot(int i)
    {
        ref KeySlots s = ref _slots[i];
        if ((s.Fetched & KeySlots.PhoneBit) == 0)
        {
            s.Phone = s.Keys.Phone is { } phone ? _index.PersonByPhone(phone, s.PhoneHash) : default;
            s.Fetched |= KeySlots.PhoneBit;
        }

        return s.Phone;
    }

    /// <summary>An account's slot; the last one is kept, as an activity's account is asked for more than once.</summary>
    private AccountSlot AccountById(string accountId)
    {
        if (!string.Equals(_lastAccountId, accountId, StringComparison.Ordinal))
        {
            _lastAccount = _index.ByAccount(accountId);
            _lastAccountId = accountId;
        }

        return _lastAccount;
    }

    private void WarnAboutInvalidKeys(Participant p, ParticipantKeys keys, int i)
    {
        if (keys.Email is null && !string.IsNullOrWhiteSpace(p.Email))
        {
            Warn(new AssociationWarning(WarningCodes.InvalidEmail, $"participant {i}: '{p.Email.Trim()}' is not a valid email address"));
        }

        if (keys.Phone is null && !string.IsNullOrWhiteSpace(p.Phone))
        {
            Warn(new AssociationWarning(WarningCodes.InvalidPhone, $"participant {i}: '{p.Phone.Trim()}' is not a possible phone number"));
        }
    }

    private void AddExplicitRefs(IReadOnlyList<CrmRef> refs, string from)
    {
        foreach (CrmRef r in refs)
        {
            bool known = r.Type switch
            {
                CrmRefType.Contact => _index.Contact(r.Id) is not null,
                CrmRefType.Account => _index.Account(r.Id) is not null,
                CrmRefType.Lead => _index.Lead(r.Id) is not null,
                _ => _index.Deal(r.Id) is not null,
            };
            string type = r.Type switch
            {
                CrmRefType.Contact => "contact",
                CrmRefType.Account => "account",
                CrmRefType.Lead => "lead",
                _ => "deal",
            };
            (_explicitRefs ??= []).Add(new ExplicitReference(type, r.Id, from, known));
            if (!known)
            {
                Warn(new AssociationWarning(WarningCodes.UnknownRef, $"{type} {r.Id} ({from}) is not in the CRM snapshot"));
            }

            switch (r.Type)
            {
                case CrmRefType.Contact:
                    AddContact(r.Id);
                    break;
                case CrmRefType.Account:
                    _accounts.Add(r.Id);
                    break;
                case CrmRefType.Lead:
                    _leads.Add(r.Id);
                    break;
                default:
                    _explicitDeals.Add(r.Id);
                    break;
            }
        }
    }

    /// <summary>A contact referenced by id; like every contact, it brings its account.</summary>
    private void AddContact(string contactId)
    {
        _contacts.Add(contactId);
        if (_index.Contact(contactId)?.AccountId is { } accountId)
        {
            AddAccountOfContact(accountId, contactId);
        }
    }

    /// <summary>A contact the cascade found: its record is at hand, so no look-up by id.</summary>
    private void AddContact(Contact contact)
    {
        _contacts.Add(contact.Id);
        if (contact.AccountId is { } accountId)
        {
            AddAccountOfContact(accountId, contact.Id);
        }
    }

    private void AddAccountOfContact(string accountId, string contactId)
    {
        if (_accounts.Add(accountId))
        {
            AccountSlot slot = AccountById(accountId);
            if (slot.Account is null)
            {
                Warn(new AssociationWarning(WarningCodes.UnknownRef, $"account {accountId} of contact {contactId} is not in the CRM snapshot"));
            }

            // The deal step reads the account's deals once every participant is through the cascade: asked
            // for now, they arrive in the meantime.
            CacheHint.Prefetch(slot.Deals);
        }
    }

    private CascadeOutcome Cascade(int i)
    {
        ParticipantKeys keys = _slots[i].Keys;
        // Step 1: a contact by email, then its sub-address-free form, then by phone.
        Hit<Contact> contact = FindByKeys<Contact, ContactsOf>(i);
        if (contact.Best is { AccountId: { } contactAccount } found)
        {
            AddContact(found);
            return new CascadeOutcome
            {
                Rule = contact.Rule(Rules.ContactEmail, Rules.ContactPhone),
                ContactId = found.Id,
                AccountId = contactAccount,
                MatchedOn = contact.MatchedOn,
                Ambiguous = contact.Candidates.Length > 1,
                Candidates = contact.Others(c => c.Id),
                TieBreak = contact.Candidates.Length > 1 ? ContactTieBreak(contact.Candidates) : null,
            };
        }

        Contact? lonelyContact = contact.Best;
        var accountHit = DomainAccount(keys);
        if (accountHit is { } domainHit)
        {
            if (lonelyContact is not null)
            {
                AddContact(lonelyContact);
            }

            _accounts.Add(domainHit.AccountId);
            string[] contactOthers = contact.Others(c => c.Id);
            return new CascadeOutcome
            {
                Rule = domainHit.Rule,
                ContactId = lonelyContact?.Id,
                AccountId = domainHit.AccountId,
                MatchedOn = domainHit.MatchedOn,
                Ambiguous = domainHit.Others.Length > 0 || contactOthers.Length > 0,
                Candidates = contactOthers.Length + domainHit.Others.Length == 0 ? [] : [.. contactOthers, .. domainHit.Others],
                TieBreak = domainHit.TieBreak ?? (contactOthers.Length > 0 ? ContactTieBreak(contact.Candidates) : null),
            };
        }

        if (lonelyContact is not null)
        {
            // A contact without an account stays associated alone; no lead look-up.
            AddContact(lonelyContact);
            return new CascadeOutcome
            {
                Rule = contact.Rule(Rules.ContactEmail, Rules.ContactPhone),
                ContactId = lonelyContact.Id,
                MatchedOn = contact.MatchedOn,
                Ambiguous = contact.Candidates.Length > 1,
                Candidates = contact.Others(c => c.Id),
                TieBreak = contact.Candidates.Length > 1 ? ContactTieBreak(contact.Candidates) : null,
            };
        }

        // Step 4: a lead, by the same keys.
        Hit<Lead> lead = FindByKeys<Lead, LeadsOf>(i);
        if (lead.Best is { } foundLead)
        {
            return LeadResult(lead, foundLead, source: null);
        }

        return DialerLookup(i) ?? new CascadeOutcome { Rule = Rules.None };
    }

    private CascadeOutcome LeadResult(Hit<Lead> hit, Lead lead, string? source)
    {
        string? tieBreak = hit.Candidates.Length > 1 ? LeadTieBreak(hit.Candidates) : null;
        if (lead.IsConverted && lead.ConvertedContactId is { } convertedId && _index.Contact(convertedId) is { } converted)
        {
            string? accountId = converted.AccountId ??
                (lead.ConvertedAccountId is { } a && _index.Account(a) is not null ? a : null);
            AddContact(converted);
            if (accountId is not null)
            {
                _accounts.Add(accountId);
            }

            return new CascadeOutcome
            {
                Rule = hit.Rule(Rules.ConvertedLead, Rules.ConvertedLead),
                ContactId = converted.Id,
                AccountId = accountId,
                ConvertedLeadId = lead.Id,
                MatchedOn = hit.MatchedOn,
                Ambiguous = hit.Candidates.Length > 1,
                Candidates = hit.Others(l => l.Id),
                TieBreak = tieBreak,
                Source = source,
            };
        }

        _leads.Add(lead.Id);
        return new CascadeOutcome
        {
            Rule = hit.Rule(Rules.LeadEmail, Rules.LeadPhone),
            LeadId = lead.Id,
            MatchedOn = hit.MatchedOn,
            Ambiguous = hit.Candidates.Length > 1,
            Candidates = hit.Others(l => l.Id),
            TieBreak = tieBreak,
            Source = source,
        };
    }

    /// <summary>This activity may reach the CRM's API: a dialer call, with a directory behind the seam.</summary>
    private bool MayLookUp => _dialer is not null && _activity.Type == ActivityType.Call && _activity.Dialer;

    /// <summary>The dialer seam: only a dialer call's valid phone that nothing local knows.</summary>
    private CascadeOutcome? DialerLookup(int i)
    {
        if (_dialer is null || !MayLookUp || _slots[i].Keys.Phone is not { } phone ||
            PhoneSlot(i) is { Contacts: not null } or { Leads: not null })
        {
            return null;
        }

        DialerLookupResult found = _dialer.Lookup(phone, _activity);
        _apiCalls += found.ApiCalls;
        if (found.Failure is { } failure)
        {
            Warn(new AssociationWarning(failure, $"{phone} was not looked up in the CRM ({failure}); the local rules decided"));
            return new CascadeOutcome { Rule = Rules.None, Lookup = failure };
        }

        const string source = "crm-api";
        if (found.Contacts.Count > 0)
        {
            Contact[] sorted = [.. found.Contacts];
            Array.Sort(sorted, (x, y) => RecordPreference.Compare(x.AccountId is not null, x.ModifiedAt, x.Id,
                y.AccountId is not null, y.ModifiedAt, y.Id));
            var hit = new Hit<Contact>(new Candidates<Contact>(null, sorted), "phone:" + phone, ByPhone: true, Subaddress: false);
            Contact best = sorted[0];
            AddContact(best);
            return new CascadeOutcome
            {
                Rule = Rules.ContactPhone,
                ContactId = best.Id,
                AccountId = best.AccountId,
                MatchedOn = hit.MatchedOn,
                Ambiguous = sorted.Length > 1,
                Candidates = hit.Others(c => c.Id),
                TieBreak = sorted.Length > 1 ? ContactTieBreak(hit.Candidates) : null,
                Source = source,
            };
        }

        if (found.Leads.Count > 0)
        {
            Lead[] sorted = [.. found.Leads];
            // The same order as the index's lead candidates, or the reported tie-break would not match the pick.
            Array.Sort(sorted, (x, y) => RecordPreference.Compare(_index.LeadResolvesToAccount(x), x.ModifiedAt, x.Id,
                _index.LeadResolvesToAccount(y), y.ModifiedAt, y.Id));
            return LeadResult(new Hit<Lead>(new Candidates<Lead>(null, sorted), "phone:" + phone, ByPhone: true, Subaddress: false), sorted[0], source);
        }

        return new CascadeOutcome { Rule = Rules.None, Lookup = LookupOutcomes.NotFound };
    }

    private Hit<T> FindByKeys<T, TOf>(int i)
        where T : class
        where TOf : struct, ICandidatesOf<T>
    {
        ParticipantKeys keys = _slots[i].Keys;
        if (keys.Email is { } email)
        {
            Candidates<T> found = default(TOf).Of(EmailSlot(i));
            if (found.Length > 0)
            {
                return new Hit<T>(found, "email:" + email.Address, ByPhone: false, Subaddress: false);
            }

            if (email.SubaddressFree is { } free && default(TOf).Of(FreeSlot(i)) is { Length: > 0 } byFree)
            {
                return new Hit<T>(byFree, "email:" + free, ByPhone: false, Subaddress: true);
            }
        }

        if (keys.Phone is { } phone && default(TOf).Of(PhoneSlot(i)) is { Length: > 0 } byNumber)
        {
            return new Hit<T>(byNumber, "phone:" + phone, ByPhone: true, Subaddress: false);
        }

        return default;
    }

    private static string ContactTieBreak(Candidates<Contact> sorted) =>
        RecordPreference.TieBreak(sorted[0].AccountId is not null, sorted[0].ModifiedAt, sorted[1].AccountId is not null, sorted[1].ModifiedAt);

    private string LeadTieBreak(Candidates<Lead> sorted) =>
        RecordPreference.TieBreak(_index.LeadResolvesToAccount(sorted[0]), sorted[0].ModifiedAt,
            _index.LeadResolvesToAccount(sorted[1]), sorted[1].ModifiedAt);

    /// <summary>Steps 2 and 3: an account by the email's host or registrable domain, or through colleagues.</summary>
    private DomainHit? DomainAccount(ParticipantKeys keys)
    {
        if (keys.Email is not { } email)
        {
            return null;
        }

        // The registrable domain is a suffix of the host: found where it starts (the PSL's own sets, small and
        // warm, cost less than a memo of a million hosts), looked up as a span, and made a string only for a
        // match's explanation.
        string host = email.Host;
        int registrableStart = _rules.RegistrableStart(host);
        if (_rules.IsPublicEmailHost(host, registrableStart))
        {
            return null;
        }

        bool distinctRegistrable = registrableStart > 0;

        // Step 2. One look-up per domain serves both steps.
        DomainSlot hostSlot = _index.ByDomain(host);
        DomainSlot registrableSlot = hostSlot;
        Candidates<Account> accounts = CrmIndex.AccountsOf(hostSlot);
        bool byHost = accounts.Length > 0;
        if (!byHost && distinctRegistrable)
        {
            registrableSlot = _index.ByDomain(host.AsSpan(registrableStart));
            accounts = CrmIndex.AccountsOf(registrableSlot);
        }

        if (accounts.Length > 0)
        {
            string matchedOn = byHost ? "host:" + host : string.Concat("domain:", host.AsSpan(registrableStart));
            if (accounts.Length == 1)
            {
                return new DomainHit(Rules.AccountDomain, accounts[0].Id, matchedOn, [], null);
            }

            var ranked = new RankedAccount[accounts.Length];
            for (int i = 0; i < accounts.Length; i++)
            {
                ranked[i] = Rank(accounts[i].Id, accounts[i], colleagues: 0);
            }

                return DomainHit.From(Rules.AccountDomain, matchedOn, ranked);
        }

        // Step 3. Unlike step 2 this also compares registrable domains when the host is its own registrable
        // domain: lee@us.hooli.io is sam@hooli.io's colleague.
        ColleagueAccount[] colleagues = hostSlot.ColleaguesByHost ?? [];
        byHost = colleagues.Length > 0;
        if (!byHost && registrableStart >= 0)
        {
            colleagues = registrableSlot.ColleaguesByRegistrable ?? [];
        }

        if (colleagues.Length > 0)
        {
            string matchedOn = byHost ? "host:" + host : string.Concat("domain:", host.AsSpan(registrableStart));
            if (colleagues.Length == 1)
            {
                return new DomainHit(Rules.ColleagueDomain, colleagues[0].AccountId, matchedOn, [], null);
            }

            var ranked = new RankedAccount[colleagues.Length];
            for (int i = 0; i < colleagues.Length; i++)
            {
                ranked[i] = Rank(colleagues[i].AccountId, _index.Account(colleagues[i].AccountId), colleagues[i].Contacts);
            }

                return DomainHit.From(Rules.ColleagueDomain, matchedOn, ranked);
        }

        return null;
    }

    /// <summary>
    /// An account's place in the spec's account tie-break: (most colleague contacts,) owner is an internal
    /// participant, has a deal eligible for this activity, latest <c>modifiedAt</c>, smallest id.
    /// </summary>
    private RankedAccount Rank(string id, Account? account, int colleagues) =>
        new(id, colleagues, account?.OwnerId is { } owner && _internalUsers.Contains(owner), HasEligibleDeal(id), account?.ModifiedAt);

    private bool HasEligibleDeal(string accountId)
    {
        foreach (ref readonly DealRow deal in CrmIndex.DealRowsOf(AccountById(accountId)))
        {
            if (deal.Eligibility(_occurredTicks, _day, _settings.DealWindowDays) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Spec §5: explicit deals, then eligible deals of associated accounts, narrowed.</summary>
    private List<DealReason>? SelectDeals()
    {
        List<EligibleDeal>? eligible = null;
        for (int a = 0; a < _accounts.Count; a++)
        {
            foreach (ref readonly DealRow deal in CrmIndex.DealRowsOf(AccountById(_accounts[a])))
            {
                if (!_explicitDeals.Contains(deal.Id) &&
                    deal.Eligibility(_occurredTicks, _day, _settings.DealWindowDays) is { } reason)
                {
                    (eligible ??= []).Add(new EligibleDeal(deal, reason));
                }
            }
        }

        // Most activities end with no deal at all: no list for them.
        if (_explicitDeals.Count == 0 && eligible is null)
        {
            return null;
        }

        var selected = new List<DealReason>(_explicitDeals.Count + (eligible?.Count ?? 0));
        for (int i = 0; i < _explicitDeals.Count; i++)
        {
            selected.Add(new DealReason(_explicitDeals[i], DealReasons.Explicit, []));
        }

        if (eligible is not null)
        {
            if (_settings.UseContactRoles)
            {
                Narrow(eligible, NarrowingSteps.ContactRoles);
            }

            if (_settings.UseDealOwner)
            {
                Narrow(eligible, NarrowingSteps.DealOwner);
            }

            int max = Math.Max(0, _settings.MaxDealsPerActivity);
            if (eligible.Count > max)
            {
                int day = _day;
                eligible.Sort((x, y) => CompareForMaximum(x, y, day));
                eligible.RemoveRange(max, eligible.Count - max);
                foreach (EligibleDeal kept in eligible)
                {
                    kept.Survive(NarrowingSteps.MaxDeals);
                }
            }

            foreach (EligibleDeal kept in eligible)
            {
                selected.Add(new DealReason(kept.Deal.Id, kept.Reason, kept.Survived));
            }
        }

        selected.Sort((x, y) => string.CompareOrdinal(x.DealId, y.DealId));
        return selected;
    }

    private bool HoldsContactRole(in DealRow deal)
    {
        for (int i = 0; i < _contacts.Count; i++)
        {
            if (deal.HasContactRole(_contacts[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int CompareForMaximum(EligibleDeal x, EligibleDeal y, int day)
    {
        int byReason = DealEligibility.Rank(x.Reason).CompareTo(DealEligibility.Rank(y.Reason));
        if (byReason != 0)
        {
            return byReason;
        }

        int byDistance = Distance(x.Deal, day).CompareTo(Distance(y.Deal, day));
        return byDistance != 0 ? byDistance : string.CompareOrdinal(x.Deal.Id, y.Deal.Id);

        static int Distance(in DealRow deal, int day) =>
            deal.CloseDay == DealEligibility.NoCloseDate ? int.MaxValue : Math.Abs(deal.CloseDay - day);
    }

    /// <summary>
    /// Applies one narrowing step when more than one deal is left and the step keeps some but not all. Each
    /// deal's test runs once (a contact-role test is a hash look-up per associated contact), and no delegate
    /// is made for it: this runs for every activity with eligible deals.
    /// </summary>
    private void Narrow(List<EligibleDeal> deals, string step)
    {
        if (deals.Count <= 1)
        {
            return;
        }

        Span<bool> keep = deals.Count <= 64 ? stackalloc bool[deals.Count] : new bool[deals.Count];
        bool byRoles = step == NarrowingSteps.ContactRoles;
        int kept = 0;
        for (int i = 0; i < deals.Count; i++)
        {
            ref readonly DealRow deal = ref deals[i].Deal;
            keep[i] = byRoles
                ? HoldsContactRole(deal)
                : deal.OwnerId is { } owner && _internalUsers.Contains(owner);
            kept += keep[i] ? 1 : 0;
        }

        if (kept == 0 || kept == deals.Count)
        {
            return;
        }

        // In place and in order, as List.RemoveAll would.
        int next = 0;
        for (int i = 0; i < deals.Count; i++)
        {
            if (keep[i])
            {
                deals[next++] = deals[i];
            }
        }

        deals.RemoveRange(next, deals.Count - next);
        foreach (EligibleDeal d in deals)
        {
            d.Survive(step);
        }
    }

    /// <summary>An eligible deal on its way through the narrowing steps.</summary>
    private sealed class EligibleDeal(DealRow deal, string reason)
    {
        private readonly DealRow _deal = deal;

        public ref readonly DealRow Deal => ref _deal;

        public string Reason { get; } = reason;

        // Most eligible deals are never narrowed: the list is made by the first step they survive.
        private List<string>? _survived;

        public IReadOnlyList<string> Survived => (IReadOnlyList<string>?)_survived ?? [];

        public void Survive(string step) => (_survived ??= []).Add(step);
    }

    /// <summary>Which records of a key's slot steps 1 and 4 take, as a struct so the generic call needs no delegates.</summary>
    private interface ICandidatesOf<T>
        where T : class
    {
        Candidates<T> Of(PersonSlot slot);
    }

    private readonly struct ContactsOf : ICandidatesOf<Contact>
    {
        public Candidates<Contact> Of(PersonSlot slot) => CrmIndex.ContactsOf(slot);
    }

    private readonly struct LeadsOf : ICandidatesOf<Lead>
    {
        public Candidates<Lead> Of(PersonSlot slot) => CrmIndex.LeadsOf(slot);
    }

    /// <summary>A participant's keys and the index slots they lead to, fetched on first use.</summary>
    private struct KeySlots
    {
        public const byte EmailBit = 1, FreeBit = 2, PhoneBit = 4;

        public ParticipantKeys Keys;
        public ParticipantClass Class;
        public string? UserId;
        public PersonSlot Email;
        public PersonSlot Free;
        public PersonSlot Phone;
        public int EmailHash;
        public int PhoneHash;
        public byte Fetched;
    }

    /// <summary>A look-up's candidates (best first) and which key found them.</summary>
    private readonly record struct Hit<T>(Candidates<T> Candidates, string? MatchedOn, bool ByPhone, bool Subaddress)
        where T : class
    {
        public T? Best => Candidates.Best;

        public string Rule(string emailRule, string phoneRule) =>
            ByPhone ? phoneRule : Subaddress ? Rules.WithSubaddress(emailRule) : emailRule;

        public string[] Others(Func<T, string> id)
        {
            if (Candidates.Length <= 1)
            {
                return [];
            }

            string[] others = new string[Candidates.Length - 1];
            for (int i = 1; i < Candidates.Length; i++)
            {
                others[i - 1] = id(Candidates[i]);
            }

            return others;
        }
    }

    private readonly record struct RankedAccount(string Id, int Colleagues, bool OwnerInternal, bool EligibleDeal, DateTimeOffset? Modified)
    {
        public static int Compare(RankedAccount x, RankedAccount y)
        {
            if (x.Colleagues != y.Colleagues)
            {
                return y.Colleagues.CompareTo(x.Colleagues);
            }

            if (x.OwnerInternal != y.OwnerInternal)
            {
                return x.OwnerInternal ? -1 : 1;
            }

            if (x.EligibleDeal != y.EligibleDeal)
            {
                return x.EligibleDeal ? -1 : 1;
            }

            int byModified = Nullable.Compare(y.Modified, x.Modified);
            return byModified != 0 ? byModified : string.CompareOrdinal(x.Id, y.Id);
        }

        public static string TieBreak(RankedAccount winner, RankedAccount runnerUp) =>
            winner.Colleagues != runnerUp.Colleagues ? TieBreaks.MostContacts
            : winner.OwnerInternal != runnerUp.OwnerInternal ? TieBreaks.OwnerInternal
            : winner.EligibleDeal != runnerUp.EligibleDeal ? TieBreaks.EligibleDeal
            : Nullable.Compare(winner.Modified, runnerUp.Modified) != 0 ? TieBreaks.LatestModified
            : TieBreaks.SmallestId;
    }

    private readonly record struct DomainHit(string Rule, string AccountId, string MatchedOn, string[] Others, string? TieBreak)
    {
        /// <summary>The winner of <paramref name="ranked"/> (two or more accounts) and the ones it beat.</summary>
        public static DomainHit From(string rule, string matchedOn, RankedAccount[] ranked)
        {
            Array.Sort(ranked, RankedAccount.Compare);
            string[] others = new string[ranked.Length - 1];
            for (int i = 1; i < ranked.Length; i++)
            {
                others[i - 1] = ranked[i].Id;
            }

            return new(rule, ranked[0].Id, matchedOn, others, RankedAccount.TieBreak(ranked[0], ranked[1]));
        }
    }
}

/// <summary>A participant's keys, normalised once.</summary>
internal readonly record struct ParticipantKeys(EmailAddress? Email, string? Phone)
{
    public static ParticipantKeys From(Participant p, KeyMemo memo) => new(memo.Email(p.Email), memo.Phone(p.Phone, p.Region));
}

/// <summary>
/// What the cascade decided for one external participant: everything of its <see cref="ParticipantResult"/>
/// but the participant's own fields. A value, so each participant's result is built once, from it.
/// </summary>
internal readonly record struct CascadeOutcome
{
    public string? Rule { get; init; }
    public string? ContactId { get; init; }
    public string? AccountId { get; init; }
    public string? LeadId { get; init; }
    public string? ConvertedLeadId { get; init; }
    public string? MatchedOn { get; init; }
    public bool Ambiguous { get; init; }
    public IReadOnlyList<string>? Candidates { get; init; }
    public string? TieBreak { get; init; }
    public string? Source { get; init; }
    public string? Lookup { get; init; }
}
