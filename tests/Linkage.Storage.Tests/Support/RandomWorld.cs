using CsCheck;
using Linkage.Core.Model;
using Linkage.Storage.Records;

namespace Linkage.Storage.Tests.Support;

/// <summary>
/// Small CRM worlds and changes to them in which keys collide often: a few hosts, local parts and numbers,
/// a few ids per kind, so that colleagues, domain ties, sub-addresses, converted leads, owner and deal
/// tie-breaks and deal narrowing all come and go within a few changes.
/// </summary>
internal static class RandomWorld
{
    private static readonly string[] Hosts =
        ["acme.com", "sales.acme.com", "globex.co.uk", "eu.globex.co.uk", "hooli.io", "gmail.com", "ourco.com"];

    private static readonly string[] LocalParts = ["jane", "bob", "sam", "jane+deals"];

    private static readonly string[] Phones = ["+1 415 555 0100", "(415) 555-0101", "+44 20 7946 0958"];

    private static readonly string?[] Times = [null, "2025-12-01T00:00:00Z", "2026-01-05T00:00:00Z", "2026-02-12T00:00:00Z"];

    private static readonly string?[] CloseDates = [null, "2026-01-20", "2026-02-05", "2026-03-01"];

    private static readonly string[] ContactIds = ["C0", "C1", "C2", "C3", "C4", "C5"];

    private static readonly string[] AccountIds = ["A0", "A1", "A2", "A3"];

    private static readonly string[] LeadIds = ["L0", "L1", "L2"];

    private static readonly string[] DealIds = ["D0", "D1", "D2", "D3"];

    private static readonly string[] UserIds = ["U0", "U1"];

    private static readonly Gen<string> Email = Gen.Select(Gen.OneOf(LocalParts), Gen.OneOf(Hosts), (l, h) => l + "@" + h);

    private static readonly Gen<string[]> Emails = Email.Array[0, 2];

    private static readonly Gen<string[]> PhoneList = Gen.OneOf(Phones).Array[0, 1];

    private static readonly Gen<DateTimeOffset?> Time = Gen.OneOf(Times).Select(ParseTime);

    private static readonly Gen<string?> MaybeAccount = Gen.OneOf<string?>([null, .. AccountIds, "A9"]);

    private static readonly Gen<string?> MaybeUser = Gen.OneOf<string?>([null, .. UserIds]);

    private static readonly Gen<CrmRecord> User = Gen.Select(Gen.OneOf(UserIds), Gen.OneOf("rep@ourco.com", "boss@ourco.com", "bob@acme.com").Array[0, 1], PhoneList,
        (id, emails, phones) => CrmRecord.Of(new CrmUser { Id = id, Emails = emails, Phones = phones }));

    private static readonly Gen<CrmRecord> Account = Gen.Select(Gen.OneOf(AccountIds), Gen.OneOf(Hosts).Array[0, 2], Gen.OneOf(Hosts).Null(0.7), MaybeUser, Time,
        (id, domains, website, owner, modified) => CrmRecord.Of(new Account
        {
            Id = id,
            Domains = domains,
            Website = website is null ? null : "https://www." + website + "/",
            OwnerId = owner,
            ModifiedAt = modified,
        }));

    private static readonly Gen<CrmRecord> Contact = Gen.Select(Gen.OneOf(ContactIds), MaybeAccount, Emails, PhoneList, Time,
        (id, account, emails, phones, modified) => CrmRecord.Of(new Contact
        {
            Id = id,
            AccountId = account,
            Emails = emails,
            Phones = phones,
            ModifiedAt = modified,
        }));

    private static readonly Gen<CrmRecord> Lead = Gen.Select(Gen.OneOf(LeadIds), Emails, PhoneList, Gen.Bool, Gen.OneOf<string?>([null, .. ContactIds]),
        Gen.Select(MaybeAccount, Time, (a, t) => (a, t)),
        (id, emails, phones, converted, contact, rest) => CrmRecord.Of(new Lead
        {
            Id = id,
            Emails = emails,
            Phones = phones,
            IsConverted = converted,
            ConvertedContactId = converted ? contact : null,
            ConvertedAccountId = converted ? rest.a : null,
            ModifiedAt = rest.t,
        }));

    private static readonly Gen<CrmRecord> Deal = Gen.Select(Gen.OneOf(DealIds), MaybeAccount, MaybeUser, Gen.Bool, Time, Gen.OneOf(CloseDates),
        (id, account, owner, closed, created, close) => CrmRecord.Of(new Deal
        {
            Id = id,
            AccountId = account,
            OwnerId = owner,
            IsClosed = closed,
            CreatedAt = created,
            CloseDate = close is null ? null : DateOnly.Parse(close, System.Globalization.CultureInfo.InvariantCulture),
        }));

    private static readonly Gen<CrmRecord> Role = Gen.Select(Gen.OneOf(DealIds), Gen.OneOf(ContactIds),
        (deal, contact) => CrmRecord.Of(new DealContact { DealId = deal, ContactId = contact }));

    /// <summary>Any record; roles and deals a little rarer than people and accounts.</summary>
    public static readonly Gen<CrmRecord> Record = Gen.Frequency((3, Contact), (3, Account), (2, Lead), (2, Deal), (2, Role), (2, User));

    private static readonly Gen<CrmRef> Ref = Gen.Select(Gen.OneOf(CrmRefType.Contact, CrmRefType.Account, CrmRefType.Lead, CrmRefType.Deal),
        Gen.OneOf("C1", "A1", "L1", "D1", "A9", "D9"), (type, id) => new CrmRef(type, id));

    private static readonly Gen<Participant> Participant = Gen.Select(
        Gen.Frequency((6, Email.Select(e => (string?)e)), (1, Gen.OneOf<string?>("not an address")), (2, Email.Select(_ => (string?)null))),
        Gen.OneOf(Phones).Null(0.7),
        Gen.OneOf(Affiliation.Unknown, Affiliation.Unknown, Affiliation.Unknown, Affiliation.External),
        Ref.Array[0, 1].Frequency(0.1),
        (email, phone, affiliation, refs) => new Participant { Email = email, Phone = phone, Affiliation = affiliation, CrmRefs = refs });

    public static readonly Gen<Activity[]> Activities = Gen.Select(
        Gen.OneOf("rep@ourco.com", "boss@ourco.com").Select(e => new Participant { Email = e, Role = "from" }),
        Participant.Array[1, 3], Gen.OneOf("2026-01-10T10:00:00Z", "2026-02-10T15:00:00Z", "2026-02-25T09:00:00+02:00"),
        Ref.Array[0, 1].Frequency(0.15),
        (rep, others, at, refs) => (rep, others, at, refs)).Array[6, 10].Select(items =>
            items.Select((x, i) => new Activity
            {
                Id = $"E{i}",
                Type = ActivityType.Email,
                OccurredAt = DateTimeOffset.Parse(x.at, System.Globalization.CultureInfo.InvariantCulture),
                Participants = [x.rep, .. x.others],
                CrmRefs = x.refs,
            }).ToArray());

    public static readonly Gen<LinkageSettings> Settings = Gen.Select(Gen.Int[3, 20], Gen.Bool, Gen.Bool, Gen.Int[1, 3],
        Gen.OneOf<string[]>([], ["hooli.io"]),
        (window, roles, owner, max, extraPublic) => new LinkageSettings
        {
            CompanyDomains = ["ourco.com"],
            DealWindowDays = window,
            UseContactRoles = roles,
            UseDealOwner = owner,
            MaxDealsPerActivity = max,
            PublicEmailDomains = extraPublic,
        });

    /// <summary>Applies the Frequency helper: an empty array most of the time.</summary>
    private static Gen<T[]> Frequency<T>(this Gen<T[]> gen, double nonEmpty) =>
        Gen.Frequency(((int)(nonEmpty * 100), gen), ((int)((1 - nonEmpty) * 100), Gen.Const((T[])[])));

    private static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
