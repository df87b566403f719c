using CsCheck;
using Linkage.Core.Model;

namespace Linkage.Core.Tests.Support;

/// <summary>
/// Small CRM worlds in which keys collide often: few hosts, few local parts, few numbers, so ties, shared
/// domains, sub-addresses, converted leads and narrowing all happen within a few hundred samples.
/// Ids are unique per list, as they are in a real CRM export.
/// </summary>
internal static class Generators
{
    private static readonly string[] Hosts =
        ["acme.com", "sales.acme.com", "globex.co.uk", "eu.globex.co.uk", "hooli.io", "gmail.com", "ourco.com", "spammy.example"];

    private static readonly string[] LocalParts = ["jane", "bob", "sam", "jane+deals", "noreply", "Jane"];

    private static readonly string[] PhoneNumbers = ["+1 415 555 0100", "(415) 555-0101", "+44 20 7946 0958", "12"];

    private static readonly string?[] Times = [null, "2025-12-01T00:00:00Z", "2026-01-05T00:00:00Z", "2026-02-12T00:00:00Z"];

    private static readonly string?[] CloseDates = [null, "2026-01-20", "2026-02-05", "2026-03-01"];

    private static readonly string?[] OwnerIds = [null, "U0", "U1"];

    private static readonly string?[] AccountIds = [null, "A0", "A1", "A2", "A3"];

    public static readonly Gen<string> Email =
        Gen.Select(Gen.OneOf(LocalParts), Gen.OneOf(Hosts), (local, host) => local + "@" + host);

    private static readonly Gen<string?> MaybeEmail = Email.Null(0.3);

    private static readonly Gen<string?> MaybePhone = Gen.OneOf(PhoneNumbers).Null(0.6);

    private static readonly Gen<DateTimeOffset?> MaybeTime = Gen.OneOf(Times).Select(Time.OrNull);

    private static string[] List(params string?[] values) => [.. values.OfType<string>()];

    private static readonly Gen<Func<int, CrmUser>> User =
        Gen.Select(MaybeEmail, MaybePhone, (email, phone) =>
            (Func<int, CrmUser>)(i => new CrmUser { Id = $"U{i}", Emails = List(email), Phones = List(phone) }));

    private static readonly Gen<Func<int, Account>> Account =
        Gen.Select(Gen.OneOf(Hosts).Null(0.5), Gen.OneOf(Hosts).Null(0.5), Gen.OneOf(OwnerIds), MaybeTime,
            (website, domain, owner, modified) => (Func<int, Account>)(i => new Account
            {
                Id = $"A{i}",
                Website = website is null ? null : "https://www." + website + "/",
                Domains = List(domain),
                OwnerId = owner,
                ModifiedAt = modified,
            }));

    private static readonly Gen<Func<int, Contact>> Contact =
        Gen.Select(Gen.OneOf(AccountIds), MaybeEmail, MaybeEmail, MaybePhone, MaybeTime,
            (account, email1, email2, phone, modified) => (Func<int, Contact>)(i => new Contact
            {
                Id = $"C{i}",
                AccountId = account,
                Emails = List(email1, email2),
                Phones = List(phone),
                ModifiedAt = modified,
            }));

    private static readonly Gen<Func<int, Lead>> Lead =
        Gen.Select(MaybeEmail, MaybePhone, Gen.OneOf<string?>(null, null, "C0", "C1"), MaybeTime,
            (email, phone, converted, modified) => (Func<int, Lead>)(i => new Lead
            {
                Id = $"L{i}",
                Emails = List(email),
                Phones = List(phone),
                IsConverted = converted is not null,
                ConvertedContactId = converted,
                ModifiedAt = modified,
            }));

    private static readonly Gen<Func<int, Deal>> Deal =
        Gen.Select(Gen.OneOf(AccountIds), MaybeTime, Gen.Bool, Gen.OneOf(CloseDates), Gen.OneOf(OwnerIds),
            (account, created, closed, closeDate, owner) => (Func<int, Deal>)(i => new Deal
            {
                Id = $"D{i}",
                AccountId = account,
                CreatedAt = created,
                IsClosed = closed,
                CloseDate = closeDate is null ? null : DateOnly.ParseExact(closeDate, "yyyy-MM-dd", null),
                OwnerId = owner,
            }));

    private static readonly Gen<DealContact> Role =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 6], (deal, contact) => new DealContact { DealId = $"D{deal}", ContactId = $"C{contact}" });

    private static Gen<T[]> Numbered<T>(Gen<Func<int, T>> make, int max) =>
        make.Array[0, max].Select(makers => makers.Select((m, i) => m(i)).ToArray());

    public static readonly Gen<CrmSnapshot> Snapshot =
        Gen.Select(Numbered(User, 2), Numbered(Account, 4), Numbered(Contact, 7), Numbered(Lead, 3), Numbered(Deal, 6),
            Role.Array[0, 5],
            (users, accounts, contacts, leads, deals, roles) => new CrmSnapshot
            {
                Users = users,
                Accounts = accounts,
                Contacts = contacts,
                Leads = leads,
                Deals = deals,
                DealContacts = roles,
            });

    private static readonly Gen<CrmRef> Ref =
        Gen.Select(Gen.Enum<CrmRefType>(), Gen.Int[0, 4], (type, n) => new CrmRef(type, $"{type.ToString()[0]}{n}"));

    private static readonly Gen<Participant> Participant =
        Gen.Select(Gen.Frequency((8, Email.Null(0.1)), (1, Gen.Const<string?>("not-an-email"))), MaybePhone,
            Gen.Frequency((9, Gen.Const(Affiliation.Unknown)), (1, Gen.Const(Affiliation.Internal))),
            Ref.Array[0, 1],
            (email, phone, affiliation, refs) => new Participant { Email = email, Phone = phone, Affiliation = affiliation, CrmRefs = refs });

    public static readonly Gen<Activity> Activity =
        Gen.Select(Participant.Array[1, 5], Ref.Array[0, 1], Gen.OneOf(Times.OfType<string>().Append("2026-02-20T23:30:00-08:00").ToArray()),
            (participants, refs, at) => new Activity
            {
                Id = "P1",
                Type = ActivityType.Email,
                OccurredAt = Time.At(at),
                Participants = participants,
                CrmRefs = refs,
            });

    public static readonly Gen<LinkageSettings> Settings =
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[1, 5], Gen.Int[0, 20],
            (roles, owner, max, window) => new LinkageSettings
            {
                CompanyDomains = ["ourco.com"],
                SpamDomains = ["spammy.example"],
                UseContactRoles = roles,
                UseDealOwner = owner,
                MaxDealsPerActivity = max,
                DealWindowDays = window,
            });

    /// <summary>The same snapshot with every one of its lists in a random order.</summary>
    public static Gen<CrmSnapshot> Shuffled(CrmSnapshot s) =>
        Gen.Select(Gen.Shuffle(s.Users.ToArray()), Gen.Shuffle(s.Accounts.ToArray()), Gen.Shuffle(s.Contacts.ToArray()),
            Gen.Shuffle(s.Leads.ToArray()), Gen.Shuffle(s.Deals.ToArray()), Gen.Shuffle(s.DealContacts.ToArray()),
            (users, accounts, contacts, leads, deals, roles) => new CrmSnapshot
            {
                Users = users,
                Accounts = accounts,
                Contacts = contacts,
                Leads = leads,
                Deals = deals,
                DealContacts = roles,
            });
}
