using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;

namespace Linkage.Core.Engine;

/// <summary>The working state of one <see cref="Associator.Associate"/> call: classification, refs, cascade, deals.</summary>
internal sealed class ActivityRun
{
    private readonly Activity _activity;
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
    // Set when the participant being matched depended on more than its own keys (see MemoisedCascade).
    private bool _contextUsed;
    private int _apiCalls;

    public ActivityRun(Activity activity, CrmIndex index, LinkageSettings settings, ClassificationRules rules, IDialerLookup? dialer, KeyMemo memo)
    {
        _memo = memo;
        _activity = activity;
        _index = index;
        _settings = settings;
        _rules = rules;
        _dialer = dialer;
    }

    public AssociationResult Execute()
    {
        IReadOnlyList<Participant> participants = _activity.Participants;
        var keys = new ParticipantKeys[participants.Count];
        var classes = new ParticipantClass[participants.Count];
        var userIds = new string?[participants.Count];

        // Classify everyone first: the internal participants steer the account and deal tie-breaks.
        for (int i = 0; i < participants.Count; i++)
        {
            keys[i] = ParticipantKeys.From(participants[i], _memo);
            classes[i] = Classify(participants[i], keys[i], out userIds[i]);
            if (userIds[i] is { } userId)
            {
                _internalUsers.Add(userId);
            }

            WarnAboutInvalidKeys(participants[i], keys[i], i);
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
            var result = new ParticipantResult
            {
                Email = keys[i].Email?.Address ?? Trimmed(participants[i].Email),
                Phone = keys[i].Phone ?? Trimmed(participants[i].Phone),
                Role = participants[i].Role,
                Class = classes[i],
                UserId = userIds[i],
            };
            results[i] = classes[i] == ParticipantClass.External ? MemoisedCascade(result, keys[i]) : result;
            if (_index.HasRecordOrigins && results[i].Source is null && OriginOf(results[i]) is { } origin)
            {
                results[i] = results[i] with { Source = origin };
            }
        }

        List<DealReason> dealReasons = SelectDeals();
        string[] deals = new string[dealReasons.Count];
        for (int i = 0; i < deals.Length; i++)
        {
            deals[i] = dealReasons[i].DealId;
        }

        bool anything = _contacts.Count + _accounts.Count + _leads.Count + deals.Length > 0;
        AssociationStatus status = anything
            ? AssociationStatus.Associated
            : participants.Count > 0 && Array.TrueForAll(classes, c => c == ParticipantClass.Internal)
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
            DealReasons = dealReasons,
            ExplicitRefs = (IReadOnlyList<ExplicitReference>?)_explicitRefs ?? [],
            Warnings = (IReadOnlyList<AssociationWarning>?)_warnings ?? [],
            CrmApiCalls = _apiCalls,
        };
    }

    /// <summary>Where the matched record came from, when a live look-up found it on an earlier run.</summary>
    private string? OriginOf(ParticipantResult r) =>
        (r.ContactId is { } c ? _index.Contact(c)?.Origin : null) ?? (r.LeadId is { } l ? _index.Lead(l)?.Origin : null) ??
        (r.ConvertedLeadId is { } cl ? _index.Lead(cl)?.Origin : null);

    private void Warn(AssociationWarning warning) => (_warnings ??= []).Add(warning);

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private ParticipantClass Classify(Participant p, ParticipantKeys keys, out string? userId)
    {
        userId = FindUser(keys);
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

    private string? FindUser(ParticipantKeys keys)
    {
        if (keys.Email is { } email)
        {
            string[] byEmail = _index.UsersByEmail(email.Address);
            if (byEmail.Length == 0 && email.SubaddressFree is { } free)
            {
                byEmail = _index.UsersByEmail(free);
            }

            if (byEmail.Length > 0)
            {
                return byEmail[0];
            }
        }

        if (keys.Phone is { } phone && _index.UsersByPhone(phone) is [var first, ..])
        {
            return first;
        }

        return null;
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
            string type = r.Type.ToString().ToLowerInvariant();
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
        if (_accounts.Add(accountId) && _index.Account(accountId) is null)
        {
            Warn(new AssociationWarning(WarningCodes.UnknownRef, $"account {accountId} of contact {contactId} is not in the CRM snapshot"));
        }
    }

    /// <summary>
    /// The cascade, or its remembered outcome for the same keys. An outcome is remembered only when nothing
    /// about this activity (its internal participants, its time, a dialer look-up) went into it.
    /// </summary>
    private ParticipantResult MemoisedCascade(ParticipantResult start, ParticipantKeys keys)
    {
        (string?, string?) key = (keys.Email?.Address, keys.Phone);
        // An outcome of "none" remembered from an activity that could not ask the CRM is not this dialer
        // call's: the cascade would end in a look-up here.
        if (_memo.Outcome(key) is { } known && !(known.Rule == Rules.None && MayLookUp))
        {
            // Replays exactly what the cascade added: the contact, and the account (its own, or the one a
            // domain rule or a conversion found; only a contact's own account can be unknown).
            if (known.ContactId is { } contactId)
            {
                _contacts.Add(contactId);
            }

            if (known.AccountId is { } accountId)
            {
                // Only a contact's own account is checked against the snapshot (with a warning when missing);
                // an account from a domain rule is added as found, exactly as the cascade did.
                if (known.ContactId is { } owner && !IsDomainRule(known.Rule))
                {
                    AddAccountOfContact(accountId, owner);
                }
                else
                {
                    _accounts.Add(accountId);
                }
            }

            if (known.LeadId is { } leadId)
            {
                _leads.Add(leadId);
            }

            return start with
            {
                Rule = known.Rule,
                ContactId = known.ContactId,
                AccountId = known.AccountId,
                LeadId = known.LeadId,
                ConvertedLeadId = known.ConvertedLeadId,
                MatchedOn = known.MatchedOn,
                Ambiguous = known.Ambiguous,
                Candidates = known.Candidates,
                TieBreak = known.TieBreak,
            };
        }

        _contextUsed = false;
        ParticipantResult result = Cascade(start, keys);
        if (!_contextUsed)
        {
            _memo.RememberOutcome(key, result);
        }

        return result;
    }

    private static bool IsDomainRule(string? rule) => rule is Rules.AccountDomain or Rules.ColleagueDomain;

    private ParticipantResult Cascade(ParticipantResult start, ParticipantKeys keys)
    {
        // Step 1: a contact by email, then its sub-address-free form, then by phone.
        Hit<Contact> contact = FindByKeys<Contact, ContactKeys>(keys, new ContactKeys(_index));
        if (contact.Best is { AccountId: { } contactAccount } found)
        {
            AddContact(found);
            return start with
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
            return start with
            {
                Rule = domainHit.Rule,
                ContactId = lonelyContact?.Id,
                AccountId = domainHit.AccountId,
                MatchedOn = domainHit.MatchedOn,
                Ambiguous = domainHit.Others.Length > 0 || contactOthers.Length > 0,
                Candidates = [.. contactOthers, .. domainHit.Others],
                TieBreak = domainHit.TieBreak ?? (contactOthers.Length > 0 ? ContactTieBreak(contact.Candidates) : null),
            };
        }

        if (lonelyContact is not null)
        {
            // A contact without an account stays associated alone; no lead look-up.
            AddContact(lonelyContact);
            return start with
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
        Hit<Lead> lead = FindByKeys<Lead, LeadKeys>(keys, new LeadKeys(_index));
        if (lead.Best is { } foundLead)
        {
            return LeadResult(start, lead, foundLead, source: null);
        }

        return DialerLookup(start, keys) ?? start with { Rule = Rules.None };
    }

    private ParticipantResult LeadResult(ParticipantResult start, Hit<Lead> hit, Lead lead, string? source)
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

            return start with
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
        return start with
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
    private ParticipantResult? DialerLookup(ParticipantResult start, ParticipantKeys keys)
    {
        if (_dialer is null || !MayLookUp || keys.Phone is not { } phone ||
            _index.ContactsByPhone(phone).Length > 0 || _index.LeadsByPhone(phone).Length > 0)
        {
            return null;
        }

        _contextUsed = true;
        DialerLookupResult found = _dialer.Lookup(phone, _activity);
        _apiCalls += found.ApiCalls;
        if (found.Failure is { } failure)
        {
            Warn(new AssociationWarning(failure, $"{phone} was not looked up in the CRM ({failure}); the local rules decided"));
            return start with { Rule = Rules.None, Lookup = failure };
        }

        const string source = "crm-api";
        if (found.Contacts.Count > 0)
        {
            Contact[] sorted = [.. found.Contacts];
            Array.Sort(sorted, (x, y) => RecordPreference.Compare(x.AccountId is not null, x.ModifiedAt, x.Id,
                y.AccountId is not null, y.ModifiedAt, y.Id));
            var hit = new Hit<Contact>(sorted, "phone:" + phone, ByPhone: true, Subaddress: false);
            Contact best = sorted[0];
            AddContact(best);
            return start with
            {
                Rule = Rules.ContactPhone,
                ContactId = best.Id,
                AccountId = best.AccountId,
                MatchedOn = hit.MatchedOn,
                Ambiguous = sorted.Length > 1,
                Candidates = hit.Others(c => c.Id),
                TieBreak = sorted.Length > 1 ? ContactTieBreak(sorted) : null,
                Source = source,
            };
        }

        if (found.Leads.Count > 0)
        {
            Lead[] sorted = [.. found.Leads];
            // The same order as the index's lead candidates, or the reported tie-break would not match the pick.
            Array.Sort(sorted, (x, y) => RecordPreference.Compare(_index.LeadResolvesToAccount(x), x.ModifiedAt, x.Id,
                _index.LeadResolvesToAccount(y), y.ModifiedAt, y.Id));
            return LeadResult(start, new Hit<Lead>(sorted, "phone:" + phone, ByPhone: true, Subaddress: false), sorted[0], source);
        }

        return start with { Rule = Rules.None, Lookup = LookupOutcomes.NotFound };
    }

    private static Hit<T> FindByKeys<T, TKeys>(ParticipantKeys keys, TKeys lookup)
        where T : class
        where TKeys : struct, IKeyLookup<T>
    {
        if (keys.Email is { } email)
        {
            T[] found = lookup.ByEmail(email.Address);
            if (found.Length > 0)
            {
                return new Hit<T>(found, "email:" + email.Address, ByPhone: false, Subaddress: false);
            }

            if (email.SubaddressFree is { } free && lookup.ByEmail(free) is { Length: > 0 } byFree)
            {
                return new Hit<T>(byFree, "email:" + free, ByPhone: false, Subaddress: true);
            }
        }

        if (keys.Phone is { } phone && lookup.ByPhone(phone) is { Length: > 0 } byNumber)
        {
            return new Hit<T>(byNumber, "phone:" + phone, ByPhone: true, Subaddress: false);
        }

        return new Hit<T>([], null, ByPhone: false, Subaddress: false);
    }

    private static string ContactTieBreak(Contact[] sorted) =>
        RecordPreference.TieBreak(sorted[0].AccountId is not null, sorted[0].ModifiedAt, sorted[1].AccountId is not null, sorted[1].ModifiedAt);

    private string LeadTieBreak(Lead[] sorted) =>
        RecordPreference.TieBreak(_index.LeadResolvesToAccount(sorted[0]), sorted[0].ModifiedAt,
            _index.LeadResolvesToAccount(sorted[1]), sorted[1].ModifiedAt);

    /// <summary>Steps 2 and 3: an account by the email's host or registrable domain, or through colleagues.</summary>
    private DomainHit? DomainAccount(ParticipantKeys keys)
    {
        if (keys.Email is not { } email)
        {
            return null;
        }

        string host = email.Host;
        string? registrable = _memo.RegistrableDomain(host, _rules);
        if (_rules.IsPublicEmailHost(host, registrable))
        {
            return null;
        }

        bool distinctRegistrable = registrable is not null && !string.Equals(registrable, host, StringComparison.Ordinal);

        // Step 2.
        Account[] accounts = _index.AccountsByDomain(host);
        bool byHost = accounts.Length > 0;
        if (!byHost && distinctRegistrable)
        {
            accounts = _index.AccountsByDomain(registrable!);
        }

        if (accounts.Length > 0)
        {
            string matchedOn = byHost ? "host:" + host : "domain:" + registrable;
            if (accounts.Length == 1)
            {
                return new DomainHit(Rules.AccountDomain, accounts[0].Id, matchedOn, [], null);
            }

            var ranked = new RankedAccount[accounts.Length];
            for (int i = 0; i < accounts.Length; i++)
            {
                ranked[i] = Rank(accounts[i].Id, accounts[i], colleagues: 0);
            }

            _contextUsed = true;
            return DomainHit.From(Rules.AccountDomain, matchedOn, ranked);
        }

        // Step 3. Unlike step 2 this also compares registrable domains when the host is its own registrable
        // domain: lee@us.hooli.io is sam@hooli.io's colleague.
        ColleagueAccount[] colleagues = _index.ColleaguesByHost(host);
        byHost = colleagues.Length > 0;
        if (!byHost && registrable is not null)
        {
            colleagues = _index.ColleaguesByRegistrableDomain(registrable);
        }

        if (colleagues.Length > 0)
        {
            string matchedOn = byHost ? "host:" + host : "domain:" + registrable;
            if (colleagues.Length == 1)
            {
                return new DomainHit(Rules.ColleagueDomain, colleagues[0].AccountId, matchedOn, [], null);
            }

            var ranked = new RankedAccount[colleagues.Length];
            for (int i = 0; i < colleagues.Length; i++)
            {
                ranked[i] = Rank(colleagues[i].AccountId, _index.Account(colleagues[i].AccountId), colleagues[i].Contacts);
            }

            _contextUsed = true;
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
        foreach (Deal deal in _index.DealsOfAccount(accountId))
        {
            if (DealEligibility.Evaluate(deal, _activity.OccurredAt, _settings.DealWindowDays) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Spec §5: explicit deals, then eligible deals of associated accounts, narrowed.</summary>
    private List<DealReason> SelectDeals()
    {
        var selected = new List<DealReason>(_explicitDeals.Count);
        for (int i = 0; i < _explicitDeals.Count; i++)
        {
            selected.Add(new DealReason(_explicitDeals[i], DealReasons.Explicit, []));
        }

        List<EligibleDeal>? eligible = null;
        for (int a = 0; a < _accounts.Count; a++)
        {
            foreach (Deal deal in _index.DealsOfAccount(_accounts[a]))
            {
                if (!_explicitDeals.Contains(deal.Id) &&
                    DealEligibility.Evaluate(deal, _activity.OccurredAt, _settings.DealWindowDays) is { } reason)
                {
                    (eligible ??= []).Add(new EligibleDeal(deal, reason));
                }
            }
        }

        if (eligible is not null)
        {
            if (_settings.UseContactRoles)
            {
                Narrow(eligible, NarrowingSteps.ContactRoles, HoldsContactRole);
            }

            if (_settings.UseDealOwner)
            {
                Narrow(eligible, NarrowingSteps.DealOwner, d => d.OwnerId is { } owner && _internalUsers.Contains(owner));
            }

            int max = Math.Max(0, _settings.MaxDealsPerActivity);
            if (eligible.Count > max)
            {
                DateOnly day = DealEligibility.ActivityDay(_activity.OccurredAt);
                eligible.Sort((x, y) => CompareForMaximum(x, y, day));
                eligible.RemoveRange(max, eligible.Count - max);
                foreach (EligibleDeal kept in eligible)
                {
                    kept.Survived.Add(NarrowingSteps.MaxDeals);
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

    private bool HoldsContactRole(Deal deal)
    {
        for (int i = 0; i < _contacts.Count; i++)
        {
            if (_index.HasContactRole(deal.Id, _contacts[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int CompareForMaximum(EligibleDeal x, EligibleDeal y, DateOnly day)
    {
        int byReason = DealEligibility.Rank(x.Reason).CompareTo(DealEligibility.Rank(y.Reason));
        if (byReason != 0)
        {
            return byReason;
        }

        int byDistance = Distance(x.Deal, day).CompareTo(Distance(y.Deal, day));
        return byDistance != 0 ? byDistance : string.CompareOrdinal(x.Deal.Id, y.Deal.Id);

        static int Distance(Deal deal, DateOnly day) =>
            deal.CloseDate is { } close ? Math.Abs(close.DayNumber - day.DayNumber) : int.MaxValue;
    }

    /// <summary>Applies one narrowing step when more than one deal is left and the step keeps some but not all.</summary>
    private static void Narrow(List<EligibleDeal> deals, string step, Func<Deal, bool> keep)
    {
        if (deals.Count <= 1)
        {
            return;
        }

        int kept = 0;
        foreach (EligibleDeal d in deals)
        {
            kept += keep(d.Deal) ? 1 : 0;
        }

        if (kept == 0 || kept == deals.Count)
        {
            return;
        }

        deals.RemoveAll(d => !keep(d.Deal));
        foreach (EligibleDeal d in deals)
        {
            d.Survived.Add(step);
        }
    }

    /// <summary>An eligible deal on its way through the narrowing steps.</summary>
    private sealed record EligibleDeal(Deal Deal, string Reason)
    {
        public List<string> Survived { get; } = [];
    }

    /// <summary>The two look-ups steps 1 and 4 make, as a struct so the generic call needs no delegates.</summary>
    private interface IKeyLookup<T>
    {
        T[] ByEmail(string email);

        T[] ByPhone(string e164);
    }

    private readonly struct ContactKeys(CrmIndex index) : IKeyLookup<Contact>
    {
        public Contact[] ByEmail(string email) => index.ContactsByEmail(email);

        public Contact[] ByPhone(string e164) => index.ContactsByPhone(e164);
    }

    private readonly struct LeadKeys(CrmIndex index) : IKeyLookup<Lead>
    {
        public Lead[] ByEmail(string email) => index.LeadsByEmail(email);

        public Lead[] ByPhone(string e164) => index.LeadsByPhone(e164);
    }

    /// <summary>A look-up's candidates (best first) and which key found them.</summary>
    private readonly record struct Hit<T>(T[] Candidates, string? MatchedOn, bool ByPhone, bool Subaddress)
        where T : class
    {
        public T? Best => Candidates.Length > 0 ? Candidates[0] : null;

        public string Rule(string emailRule, string phoneRule) =>
            ByPhone ? phoneRule : Subaddress ? emailRule + Rules.SubaddressSuffix : emailRule;

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
