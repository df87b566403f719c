using Linkage.Core.Model;

namespace Linkage.Storage.Tests.Support;

/// <summary>The world of spec §7 and one activity per row of its table, plus a call by phone.</summary>
internal static class TestWorld
{
    public static readonly LinkageSettings Settings = new() { CompanyDomains = ["ourco.com"] };

    public static CrmSnapshot Snapshot() => new()
    {
        Users = [new CrmUser { Id = "U1", Emails = ["rep@ourco.com"] }],
        Accounts =
        [
            new Account { Id = "A1", Website = "https://www.acme.com" },
            new Account { Id = "A2", Domains = ["globex.co.uk"] },
            new Account { Id = "A3" },
        ],
        Contacts =
        [
            new Contact { Id = "C1", Emails = ["jane@acme.com"], Phones = ["(415) 555-0100"], AccountId = "A1" },
            new Contact { Id = "C2", Emails = ["bob@acme.com"] },
            new Contact { Id = "C4", Emails = ["lee@hooli.io"], AccountId = "A3" },
        ],
        Leads = [new Lead { Id = "L1", Emails = ["tom@initech.com"] }],
        Deals =
        [
            new Deal { Id = "D1", AccountId = "A1", CreatedAt = Time("2026-01-05T00:00:00Z") },
            new Deal { Id = "D2", AccountId = "A1", IsClosed = true, CloseDate = new DateOnly(2026, 2, 1) },
        ],
    };

    public static Activity[] Activities() =>
    [
        Email("E1", "Jane@ACME.com"),
        Email("E2", "bob@acme.com"),
        Email("E3", "zed@sales.acme.com"),
        Email("E4", "kim@london.globex.co.uk"),
        Email("E5", "sam@hooli.io"),
        Email("E6", "tom@initech.com"),
        Email("E7", "pat@gmail.com"),
        new Activity
        {
            Id = "K1",
            Type = ActivityType.Call,
            OccurredAt = Time("2026-02-11T09:30:00-08:00"),
            Participants = [new Participant { Email = "rep@ourco.com" }, new Participant { Phone = "415-555-0100" }],
        },
    ];

    public static Activity Email(string id, string to, string date = "2026-02-10") => new()
    {
        Id = id,
        Type = ActivityType.Email,
        OccurredAt = Time(date + "T15:00:00Z"),
        Participants = [new Participant { Email = "rep@ourco.com", Role = "from" }, new Participant { Email = to, Role = "to" }],
    };

    public static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
