using System.Globalization;
using Linkage.Core.Model;
using PhoneNumbers;

namespace Linkage.Generator;

/// <summary>
/// A deterministic, realistic CRM world with the messiness of real data: national phone formats, free-mail
/// contacts, shared and sub-domains, duplicates, contacts without accounts, converted leads, deal
/// lifecycles around the window boundaries, and activities mixing internal, external, spam and automated
/// people. Every record is a pure function of (seed, kind, index), so nothing is held in memory.
/// </summary>
public sealed class World
{
    public const string CompanyDomain = "northwind.io";
    public const string SpamDomain = "bulk-offers.example";

    private const ulong AccountKind = 1, ContactKind = 2, LeadKind = 3, DealKind = 4, UserKind = 5, ActivityKind = 6, RoleKind = 7;
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly string[] WeightedCountries =
        [.. Vocabulary.Countries.SelectMany((c, i) => Enumerable.Repeat(i.ToString(CultureInfo.InvariantCulture), c.Weight))];

    private static readonly string[] WebsitePrefixes = ["https://www.", "http://", "www.", "https://"];
    private static readonly string[] WebsiteSuffixes = ["", "/", "/about"];
    private static readonly int[] OffsetHours = [0, 0, -8, -5, 1, 9, 5];

    private readonly ulong _seed;

    public World(WorldSize size)
    {
        ArgumentNullException.ThrowIfNull(size);
        Size = size;
        _seed = size.Seed;
    }

    public WorldSize Size { get; }

    public static LinkageSettings Settings => new()
    {
        CompanyDomains = [CompanyDomain],
        SpamDomains = [SpamDomain],
        SpamAddresses = ["promo@newsletter-hub.example"],
        PublicEmailDomains = ["my-isp.example"],
    };

    public CrmUser User(int u)
    {
        var rng = new SplitMix(_seed, UserKind, u);
        string first = rng.Pick(Vocabulary.FirstNames), last = rng.Pick(Vocabulary.LastNames);
        return new CrmUser
        {
            Id = $"U{u}",
            Name = $"{Title(first)} {Title(last)}",
            Emails = [$"{first}.{last}{u}@{CompanyDomain}"],
            Phones = [Format(ref rng, 0, u, 1)],
        };
    }

    public Account Account(long a)
    {
        var rng = new SplitMix(_seed, AccountKind, a);
        (string domain, int country) = AccountDomain(a);
        // About one account in ten records no domain at all: only its contacts' addresses tell (colleague-domain).
        bool bare = rng.Chance(0.1);
        bool website = !bare && rng.Chance(0.8);
        var domains = new List<string>();
        if (!bare && (!website || rng.Chance(0.1)))
        {
            domains.Add(domain);
        }

        if (!bare && rng.Chance(0.08))
        {
            // A second brand domain, as many companies have.
            domains.Add(domain[..domain.IndexOf('.', StringComparison.Ordinal)] + ".io");
        }

        return new Account
        {
            Id = $"A{a}",
            Name = Title(domain[..domain.IndexOf('.', StringComparison.Ordinal)]) + (Vocabulary.Countries[country].Region == "DE" ? " GmbH" : " Inc"),
            Website = website ? rng.Pick(WebsitePrefixes) + domain + rng.Pick(WebsiteSuffixes) : null,
            Domains = domains,
            OwnerId = $"U{rng.Below(Size.Users)}",
            ModifiedAt = Between(ref rng, Start, End),
        };
    }

    /// <summary>The account's main domain and country; about 2% of accounts share their neighbour's domain.</summary>
    public (string Domain, int Country) AccountDomain(long a)
    {
        var rng = new SplitMix(_seed, AccountKind, a);
        if (a > 0 && new SplitMix(_seed, AccountKind + 100, a).Chance(0.02))
        {
            return AccountDomain(a - 1);
        }

        int country = int.Parse(rng.Pick(WeightedCountries), CultureInfo.InvariantCulture);
        string name = rng.Pick(Vocabulary.Syllables) + rng.Pick(Vocabulary.Syllables) + ToBase36(a);
        return ($"{name}.{Vocabulary.Countries[country].Tld}", country);
    }

    public long AccountOfContact(long c) => c * Size.Accounts / Size.Contacts;

    public Contact Contact(long c)
    {
        var rng = new SplitMix(_seed, ContactKind, c);
        long account = AccountOfContact(c);
        (string domain, int country) = AccountDomain(account);
        string first = rng.Pick(Vocabulary.FirstNames), last = rng.Pick(Vocabulary.LastNames);
        string email;
        if (c > 0 && rng.Chance(0.03))
        {
            // A duplicate: the same person entered twice.
            email = Contact(c - 1).Emails[0];
        }
        else if (rng.Chance(0.15))
        {
            email = $"{first}.{last}{ToBase36(c)}@{rng.Pick(Vocabulary.PublicProviders)}";
        }
        else
        {
            string host = rng.Chance(0.1) ? $"{rng.Pick(Vocabulary.SubdomainLabels)}.{domain}" : domain;
            email = $"{first}.{last}{ToBase36(c)}@{host}";
        }

        var phones = new List<string>();
        if (rng.Chance(0.7))
        {
            phones.Add(Format(ref rng, country, c, 2));
        }

        return new Contact
        {
            Id = $"C{c}",
            AccountId = rng.Chance(0.05) ? null : $"A{account}",
            Emails = [email],
            Phones = phones,
            Name = $"{Title(first)} {Title(last)}",
            Region = Vocabulary.Countries[country].Region,
            ModifiedAt = rng.Chance(0.9) ? Between(ref rng, Start, End) : null,
        };
    }

    public Lead Lead(long l)
    {
        var rng = new SplitMix(_seed, LeadKind, l);
        string first = rng.Pick(Vocabulary.FirstNames), last = rng.Pick(Vocabulary.LastNames);
        if (rng.Chance(0.3))
        {
            long contact = rng.Below(Size.Contacts);
            Contact converted = Contact(contact);
            // The lead was captured with a private address before it became a contact.
            return new Lead
            {
                Id = $"L{l}",
                Emails = [$"{first}.{last}.{ToBase36(l)}@{rng.Pick(Vocabulary.PublicProviders)}"],
                Name = converted.Name,
                IsConverted = true,
                ConvertedContactId = converted.Id,
                ConvertedAccountId = converted.AccountId,
                ModifiedAt = Between(ref rng, Start, End),
            };
        }

        int country = int.Parse(rng.Pick(WeightedCountries), CultureInfo.InvariantCulture);
        string host = rng.Chance(0.2)
            ? rng.Pick(Vocabulary.PublicProviders)
            : $"{rng.Pick(Vocabulary.Syllables)}{rng.Pick(Vocabulary.Syllables)}-prospect{ToBase36(l)}.{Vocabulary.Countries[country].Tld}";
        return new Lead
        {
            Id = $"L{l}",
            Emails = [$"{first}.{last}{ToBase36(l)}@{host}"],
            Phones = rng.Chance(0.5) ? [Format(ref rng, country, l, 3)] : [],
            Name = $"{Title(first)} {Title(last)}",
            Company = Title(host[..host.IndexOf('.', StringComparison.Ordinal)]),
            Region = Vocabulary.Countries[country].Region,
            ModifiedAt = rng.Chance(0.8) ? Between(ref rng, Start, End) : null,
        };
    }

    public Deal Deal(long d)
    {
        var rng = new SplitMix(_seed, DealKind, d);
        long account = d % Size.Accounts;
        DateTimeOffset created = Between(ref rng, Start.AddDays(-120), End);
        int roll = rng.Below(100);
        // Close dates cluster around the 14-day window so the boundaries are exercised.
        DateOnly close = DateOnly.FromDateTime(created.UtcDateTime).AddDays(rng.Chance(0.3) ? 10 + rng.Below(10) : 20 + rng.Below(200));
        bool closed = roll < 55 && close.ToDateTime(TimeOnly.MinValue) < End.UtcDateTime;
        bool won = closed && roll < 30;
        return new Deal
        {
            Id = $"D{d}",
            AccountId = $"A{account}",
            Name = roll >= 85 ? "Renewal" : "New business",
            OwnerId = $"U{rng.Below(Size.Users)}",
            Stage = closed ? (won ? "Closed Won" : "Closed Lost") : rng.Pick(Vocabulary.DealStagesOpen),
            IsClosed = closed,
            IsWon = won,
            CreatedAt = created,
            CloseDate = closed || rng.Chance(0.8) ? close : null,
            Type = roll >= 85 ? "Renewal" : "New Business",
            ModifiedAt = created.AddDays(rng.Below(30)),
        };
    }

    /// <summary>Contact roles of deal <paramref name="d"/>: none, one or two of its account's contacts.</summary>
    public IEnumerable<DealContact> DealContacts(long d)
    {
        var rng = new SplitMix(_seed, RoleKind, d);
        long account = d % Size.Accounts;
        long firstContact = (account * Size.Contacts + Size.Accounts - 1) / Size.Accounts;
        long nextAccountFirst = ((account + 1) * Size.Contacts + Size.Accounts - 1) / Size.Accounts;
        long count = Math.Max(0, Math.Min(nextAccountFirst, Size.Contacts) - firstContact);
        int roles = count == 0 || rng.Chance(0.5) ? 0 : 1 + rng.Below(2);
        for (int i = 0; i < roles; i++)
        {
            yield return new DealContact
            {
                DealId = $"D{d}",
                ContactId = $"C{firstContact + rng.Below(count)}",
                Role = rng.Pick(Vocabulary.ContactRoles),
                IsPrimary = i == 0,
            };
        }
    }

    public Activity Activity(long j)
    {
        var rng = new SplitMix(_seed, ActivityKind, j);
        int typeRoll = rng.Below(100);
        ActivityType type = typeRoll < 45 ? ActivityType.Email : typeRoll < 70 ? ActivityType.Call : typeRoll < 90 ? ActivityType.Meeting : ActivityType.Engagement;
        var participants = new List<Participant>();
        CrmUser rep = User(rng.Below(Size.Users));
        participants.Add(type == ActivityType.Call
            ? new Participant { Phone = rep.Phones[0], Role = "caller" }
            : new Participant { Email = rng.Chance(0.3) ? $"{rep.Name} <{rep.Emails[0]}>" : rep.Emails[0], Role = "from" });
        int externals = type == ActivityType.Call ? 1 : 1 + rng.Below(3);
        for (int i = 0; i < externals; i++)
        {
            participants.Add(External(ref rng, type));
        }

        if (type == ActivityType.Meeting && rng.Chance(0.3))
        {
            participants.Add(new Participant { Email = User(rng.Below(Size.Users)).Emails[0], Role = "attendee", Affiliation = Affiliation.Internal });
        }

        List<CrmRef> refs = [];
        if (rng.Chance(0.05))
        {
            refs.Add(rng.Chance(0.5) ? new CrmRef(CrmRefType.Deal, $"D{rng.Below(Size.Deals)}") : new CrmRef(CrmRefType.Account, $"A{rng.Below(Size.Accounts)}"));
        }

        int offsetHours = rng.Pick(OffsetHours);
        return new Activity
        {
            Id = $"{TypeLetter(type)}{j}",
            Type = type,
            OccurredAt = Between(ref rng, Start, End).ToOffset(TimeSpan.FromHours(offsetHours)),
            Dialer = type == ActivityType.Call && rng.Chance(0.3),
            Participants = participants,
            CrmRefs = refs,
        };
    }

    private Participant External(ref SplitMix rng, ActivityType type)
    {
        string role = type switch
        {
            ActivityType.Call => "callee",
            ActivityType.Meeting => "attendee",
            _ => rng.Chance(0.8) ? "to" : "cc",
        };
        int roll = rng.Below(100);
        if (roll < 50)
        {
            Contact contact = Contact(rng.Below(Size.Contacts));
            if (type == ActivityType.Call && contact.Phones.Count > 0)
            {
                return new Participant { Phone = Reformat(ref rng, contact.Phones[0], contact.Region), Role = role };
            }

            return new Participant { Email = WrittenForm(ref rng, contact.Emails[0], contact.Name), Role = role };
        }

        if (roll < 65)
        {
            // Someone new at a known company: found by domain or through colleagues.
            (string domain, _) = AccountDomain(rng.Below(Size.Accounts));
            string host = rng.Chance(0.2) ? $"{rng.Pick(Vocabulary.SubdomainLabels)}.{domain}" : domain;
            return new Participant { Email = $"{rng.Pick(Vocabulary.FirstNames)}.{rng.Below(100_000)}@{host}", Role = role };
        }

        if (roll < 75)
        {
            Lead lead = Lead(rng.Below(Size.Leads));
            return lead.Phones.Count > 0 && type == ActivityType.Call
                ? new Participant { Phone = Reformat(ref rng, lead.Phones[0], lead.Region), Role = role }
                : new Participant { Email = WrittenForm(ref rng, lead.Emails[0], lead.Name), Role = role };
        }

        if (roll < 85)
        {
            return type == ActivityType.Call
                ? new Participant { Phone = Format(ref rng, rng.Below(Vocabulary.Countries.Length), rng.Below(1_000_000_000L), 9), Role = role }
                : new Participant { Email = $"{rng.Pick(Vocabulary.FirstNames)}{rng.Below(1_000_000)}@{rng.Pick(Vocabulary.PublicProviders)}", Role = role };
        }

        if (roll < 90)
        {
            (string domain, _) = AccountDomain(rng.Below(Size.Accounts));
            return new Participant
            {
                Email = rng.Pick(new[] { $"noreply@{domain}", $"no-reply+bounce@{domain}", $"deals@{SpamDomain}", "promo@newsletter-hub.example", $"mailer-daemon@{domain}" }),
                Role = role,
            };
        }

        if (roll < 95)
        {
            return new Participant { Email = $"{rng.Pick(Vocabulary.FirstNames)}@unknown-{rng.Below(1_000_000)}.example", Role = role };
        }

        return rng.Chance(0.5)
            ? new Participant { Email = "not an address", Role = role }
            : new Participant { Email = User(rng.Below(Size.Users)).Emails[0], Role = role };
    }

    private static string WrittenForm(ref SplitMix rng, string email, string? name) => rng.Below(10) switch
    {
        0 => $"{name} <{email}>",
        1 => "mailto:" + email,
        2 => email.ToUpperInvariant(),
        3 => email.Insert(email.IndexOf('@', StringComparison.Ordinal), "+crm"),
        _ => email,
    };

    /// <summary>A phone number in the country's own style: national with a hint, international, E.164 or tel: URI.</summary>
    private static string Format(ref SplitMix rng, int country, long unique, int salt)
    {
        string region = Vocabulary.Countries[country].Region;
        PhoneNumbers.PhoneNumber example = Phones.GetExampleNumberForType(region, rng.Chance(0.5) ? PhoneNumberType.MOBILE : PhoneNumberType.FIXED_LINE)
            ?? Phones.GetExampleNumber(region);
        string nsn = Phones.GetNationalSignificantNumber(example);
        int keep = Math.Min(3, nsn.Length - 4);
        int vary = nsn.Length - keep;
        long modulus = (long)Math.Pow(10, vary);
        long digits = (unique * 7_919 + salt * 104_729 + (long)(rng.Next() % 1000)) % modulus;
        string number = nsn[..keep] + digits.ToString(CultureInfo.InvariantCulture).PadLeft(vary, '0');
        PhoneNumbers.PhoneNumber parsed = Phones.Parse(number, region);
        return rng.Below(4) switch
        {
            0 => Phones.Format(parsed, PhoneNumberFormat.NATIONAL),
            1 => Phones.Format(parsed, PhoneNumberFormat.INTERNATIONAL),
            2 => Phones.Format(parsed, PhoneNumberFormat.E164),
            _ => Phones.Format(parsed, PhoneNumberFormat.RFC3966),
        };
    }

    /// <summary>The same number written another way, as a dialer or a person would.</summary>
    private static string Reformat(ref SplitMix rng, string phone, string? region)
    {
        PhoneNumbers.PhoneNumber parsed = Phones.Parse(phone, region ?? "US");
        return rng.Chance(0.5) ? Phones.Format(parsed, PhoneNumberFormat.E164) : Phones.Format(parsed, PhoneNumberFormat.INTERNATIONAL);
    }

    private static DateTimeOffset Between(ref SplitMix rng, DateTimeOffset from, DateTimeOffset to) =>
        from.AddSeconds(rng.Below((long)(to - from).TotalSeconds));

    private static string Title(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static char TypeLetter(ActivityType type) => type switch
    {
        ActivityType.Email => 'E',
        ActivityType.Call => 'K',
        ActivityType.Meeting => 'M',
        _ => 'S',
    };

    private static string ToBase36(long n)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> buffer = stackalloc char[16];
        int i = buffer.Length;
        do
        {
            buffer[--i] = digits[(int)(n % 36)];
            n /= 36;
        }
        while (n > 0);
        return new string(buffer[i..]);
    }
}
