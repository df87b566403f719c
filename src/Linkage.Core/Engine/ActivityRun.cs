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

    private readonly SortedSet<string> _contacts = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _accounts = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _leads = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _explicitDeals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _internalUsers = new(StringComparer.Ordinal);
    private readonly List<ExplicitReference> _explicitRefs = [];
    private readonly List<AssociationWarning> _warnings = [];
    private int _apiCalls;

    public ActivityRun(Activity activity, CrmIndex index, LinkageSettings settings, ClassificationRules rules, IDialerLookup? dialer)
    {
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
            keys[i] = ParticipantKeys.From(participants[i], _settings.DefaultPhoneRegion);
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
            AddExplicitRefs(participants[i].CrmRefs, $"participant:{i}");
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
            results[i] = classes[i] == ParticipantClass.External ? Cascade(result, keys[i]) : result;
        }

        List<DealReason> dealReasons = SelectDeals();
        SortedSet<string> deals = new(dealReasons.Select(d => d.DealId), StringComparer.Ordinal);

        bool anything = _contacts.Count + _accounts.Count + _leads.Count + deals.Count > 0;
        AssociationStatus status = anything
            ? AssociationStatus.Associated
            : participants.Count > 0 && classes.All(c => c == ParticipantClass.Internal)
                ? AssociationStatus.Internal
                : AssociationStatus.Unmatched;

        return new AssociationResult
        {
            ActivityId = _activity.Id,
            Status = status,
            Contacts = [.. _contacts],
            Accounts = [.. _accounts],
            Leads = [.. _leads],
            Deals = [.. deals],
            Participants = results,
            DealReasons = dealReasons,
            ExplicitRefs = _explicitRefs,
            Warnings = _warnings,
            CrmApiCalls = _apiCalls,
        };
    }

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
            _warnings.Add(new AssociationWarning(WarningCodes.InvalidEmail, $"participant {i}: '{p.Email.Trim()}' is not a valid email address"));
        }

        if (keys.Phone is null && !string.IsNullOrWhiteSpace(p.Phone))
        {
            _warnings.Add(new AssociationWarning(WarningCodes.InvalidPhone, $"participant {i}: '{p.Phone.Trim()}' is not a possible phone number"));
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
            _explicitRefs.Add(new ExplicitReference(type, r.Id, from, known));
            if (!known)
            {
                _warnings.Add(new AssociationWarning(WarningCodes.UnknownRef, $"{type} {r.Id} ({from}) is not in the CRM snapshot"));
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

    /// <summary>A contact, wherever it comes from, also brings its account.</summary>
    private void AddContact(string contactId)
    {
        _contacts.Add(contactId);
        if (_index.Contact(contactId)?.AccountId is { } accountId)
        {
            AddAccount(accountId, $"account {accountId} of contact {contactId} is not in the CRM snapshot");
        }
    }

    private void AddAccount(string accountId, string warningIfUnknown)
    {
        if (_accounts.Add(accountId) && _index.Account(accountId) is null)
        {
            _warnings.Add(new AssociationWarning(WarningCodes.UnknownRef, warningIfUnknown));
        }
    }

    private ParticipantResult Cascade(ParticipantResult start, ParticipantKeys keys)
    {
        // Step 1: a contact by email, then its sub-address-free form, then by phone.
        Hit<Contact> contact = FindByKeys(keys, _index.ContactsByEmail, _index.ContactsByPhone);
        if (contact.Best is { AccountId: { } contactAccount } found)
        {
            AddContact(found.Id);
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
                AddContact(lonelyContact.Id);
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
            AddContact(lonelyContact.Id);
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
        Hit<Lead> lead = FindByKeys(keys, _index.LeadsByEmail, _index.LeadsByPhone);
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
            AddContact(converted.Id);
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

    /// <summary>The dialer seam: only a dialer call's valid phone that nothing local knows.</summary>
    private ParticipantResult? DialerLookup(ParticipantResult start, ParticipantKeys keys)
    {
        if (_dialer is null || _activity.Type != ActivityType.Call || !_activity.Dialer || keys.Phone is not { } phone ||
            _index.ContactsByPhone(phone).Length > 0 || _index.LeadsByPhone(phone).Length > 0)
        {
            return null;
        }

        DialerLookupResult found = _dialer.Lookup(phone, _activity);
        _apiCalls += found.ApiCalls;
        const string source = "crm-api";
        if (found.Contacts.Count > 0)
        {
            Contact[] sorted = [.. found.Contacts];
            Array.Sort(sorted, (x, y) => RecordPreference.Compare(x.AccountId is not null, x.ModifiedAt, x.Id,
                y.AccountId is not null, y.ModifiedAt, y.Id));
            var hit = new Hit<Contact>(sorted, "phone:" + phone, ByPhone: true, Subaddress: false);
            Contact best = sorted[0];
            AddContact(best.Id);
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
            Array.Sort(sorted, (x, y) => RecordPreference.Compare(false, x.ModifiedAt, x.Id, false, y.ModifiedAt, y.Id));
            return LeadResult(start, new Hit<Lead>(sorted, "phone:" + phone, ByPhone: true, Subaddress: false), sorted[0], source);
        }

        return null;
    }

    private static Hit<T> FindByKeys<T>(ParticipantKeys keys, Func<string, T[]> byEmail, Func<string, T[]> byPhone)
        where T : class
    {
        if (keys.Email is { } email)
        {
            T[] found = byEmail(email.Address);
            if (found.Length > 0)
            {
                return new Hit<T>(found, "email:" + email.Address, ByPhone: false, Subaddress: false);
            }

            if (email.SubaddressFree is { } free && byEmail(free) is { Length: > 0 } byFree)
            {
                return new Hit<T>(byFree, "email:" + free, ByPhone: false, Subaddress: true);
            }
        }

        if (keys.Phone is { } phone && byPhone(phone) is { Length: > 0 } byNumber)
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
        string? registrable = _rules.RegistrableDomain(host);
        if (_rules.IsPublicEmailHost(host, registrable))
        {
            return null;
        }

        bool distinctRegistrable = registrable is not null && registrable != host;

        // Step 2.
        Account[] accounts = _index.AccountsByDomain(host);
        string matchedOn = "host:" + host;
        if (accounts.Length == 0 && distinctRegistrable)
        {
            accounts = _index.AccountsByDomain(registrable!);
            matchedOn = "domain:" + registrable;
        }

        if (accounts.Length > 0)
        {
            RankedAccount[] ranked = RankAccounts(accounts.Select(a => a.Id), colleagues: null);
            return DomainHit.From(Rules.AccountDomain, matchedOn, ranked);
        }

        // Step 3.
        ColleagueAccount[] colleagues = _index.ColleaguesByHost(host);
        matchedOn = "host:" + host;
        if (colleagues.Length == 0 && distinctRegistrable)
        {
            colleagues = _index.ColleaguesByRegistrableDomain(registrable!);
            matchedOn = "domain:" + registrable;
        }

        if (colleagues.Length > 0)
        {
            var counts = colleagues.ToDictionary(c => c.AccountId, c => c.Contacts, StringComparer.Ordinal);
            RankedAccount[] ranked = RankAccounts(colleagues.Select(c => c.AccountId), counts);
            return DomainHit.From(Rules.ColleagueDomain, matchedOn, ranked);
        }

        return null;
    }

    /// <summary>
    /// Orders accounts by the spec's account tie-break: (most colleague contacts,) owner is an internal
    /// participant, has a deal eligible for this activity, latest <c>modifiedAt</c>, smallest id.
    /// </summary>
    private RankedAccount[] RankAccounts(IEnumerable<string> accountIds, Dictionary<string, int>? colleagues)
    {
        RankedAccount[] ranked =
        [
            .. accountIds.Select(id =>
            {
                Account? account = _index.Account(id);
                return new RankedAccount(
                    id,
                    colleagues?[id] ?? 0,
                    account?.OwnerId is { } owner && _internalUsers.Contains(owner),
                    HasEligibleDeal(id),
                    account?.ModifiedAt);
            }),
        ];
        Array.Sort(ranked, RankedAccount.Compare);
        return ranked;
    }

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
        var selected = new List<DealReason>();
        foreach (string id in _explicitDeals)
        {
            selected.Add(new DealReason(id, DealReasons.Explicit, []));
        }

        DateOnly day = DealEligibility.ActivityDay(_activity.OccurredAt);
        var eligible = new List<(Deal Deal, string Reason)>();
        foreach (string accountId in _accounts)
        {
            foreach (Deal deal in _index.DealsOfAccount(accountId))
            {
                if (!_explicitDeals.Contains(deal.Id) &&
                    DealEligibility.Evaluate(deal, _activity.OccurredAt, _settings.DealWindowDays) is { } reason)
                {
                    eligible.Add((deal, reason));
                }
            }
        }

        var survived = eligible.ToDictionary(e => e.Deal.Id, _ => new List<string>(), StringComparer.Ordinal);
        if (_settings.UseContactRoles)
        {
            eligible = Narrow(eligible, e => _contacts.Any(c => _index.HasContactRole(e.Deal.Id, c)), NarrowingSteps.ContactRoles, survived);
        }

        if (_settings.UseDealOwner)
        {
            eligible = Narrow(eligible, e => e.Deal.OwnerId is { } owner && _internalUsers.Contains(owner), NarrowingSteps.DealOwner, survived);
        }

        int max = Math.Max(0, _settings.MaxDealsPerActivity);
        if (eligible.Count > max)
        {
            eligible =
            [
                .. eligible
                    .OrderBy(e => DealEligibility.Rank(e.Reason))
                    .ThenBy(e => e.Deal.CloseDate is { } close ? Math.Abs(close.DayNumber - day.DayNumber) : int.MaxValue)
                    .ThenBy(e => e.Deal.Id, StringComparer.Ordinal)
                    .Take(max),
            ];
            foreach ((Deal deal, _) in eligible)
            {
                survived[deal.Id].Add(NarrowingSteps.MaxDeals);
            }
        }

        selected.AddRange(eligible.Select(e => new DealReason(e.Deal.Id, e.Reason, survived[e.Deal.Id])));
        selected.Sort((x, y) => string.CompareOrdinal(x.DealId, y.DealId));
        return selected;
    }

    /// <summary>Applies one narrowing step when more than one deal is left and the step keeps at least one.</summary>
    private static List<(Deal Deal, string Reason)> Narrow(List<(Deal Deal, string Reason)> deals,
        Func<(Deal Deal, string Reason), bool> keep, string step, Dictionary<string, List<string>> survived)
    {
        if (deals.Count <= 1)
        {
            return deals;
        }

        List<(Deal Deal, string Reason)> kept = [.. deals.Where(keep)];
        if (kept.Count == 0 || kept.Count == deals.Count)
        {
            return deals;
        }

        foreach ((Deal deal, _) in kept)
        {
            survived[deal.Id].Add(step);
        }

        return kept;
    }

    /// <summary>A look-up's candidates (best first) and which key found them.</summary>
    private readonly record struct Hit<T>(T[] Candidates, string? MatchedOn, bool ByPhone, bool Subaddress)
        where T : class
    {
        public T? Best => Candidates.Length > 0 ? Candidates[0] : null;

        public string Rule(string emailRule, string phoneRule) =>
            ByPhone ? phoneRule : Subaddress ? emailRule + Rules.SubaddressSuffix : emailRule;

        public string[] Others(Func<T, string> id) => [.. Candidates.Skip(1).Select(id)];
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
        public static DomainHit From(string rule, string matchedOn, RankedAccount[] ranked) =>
            new(rule, ranked[0].Id, matchedOn, [.. ranked.Skip(1).Select(r => r.Id)],
                ranked.Length > 1 ? RankedAccount.TieBreak(ranked[0], ranked[1]) : null);
    }
}

/// <summary>A participant's keys, normalised once.</summary>
internal readonly record struct ParticipantKeys(EmailAddress? Email, string? Phone)
{
    public static ParticipantKeys From(Participant p, string defaultRegion)
    {
        EmailAddress? email = EmailAddress.TryParse(p.Email, out EmailAddress parsed) ? parsed : null;
        string? phone = PhoneNumber.TryNormalise(p.Phone, p.Region, defaultRegion, out string e164) ? e164 : null;
        return new ParticipantKeys(email, phone);
    }
}
