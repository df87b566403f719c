using Linkage.Core.Model;

namespace Linkage.Crm.Tests.Support;

/// <summary>Directories and dialer look-ups over a fake server, with resilience settings small enough for tests.</summary>
public static class Lookups
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static CrmResilienceOptions Quick(int retries = 2) => new()
    {
        MaxRetries = retries,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        // Generous: a loaded test machine must not turn a slow answer into a retry the test did not ask for.
        AttemptTimeout = TimeSpan.FromSeconds(30),
        // The breaker stays shut unless a test is about it.
        BreakerMinimumThroughput = 1000,
    };

    public static SalesforceDirectory Salesforce(FakeCrmServer server, HttpClient client, CrmResilienceOptions? resilience = null) =>
        new(client, server.BaseUrl, "sf-token", resilience ?? Quick());

    public static HubSpotDirectory HubSpot(FakeCrmServer server, HttpClient client, CrmResilienceOptions? resilience = null) =>
        new(client, "hs-token", server.BaseUrl, resilience ?? Quick());

    public static DialerLookup Dialer(ICrmDirectory directory, int runBudget = 100, int dailyBudget = 1000, TimeProvider? time = null,
        LookupCache? cache = null, IDailyQuota? daily = null)
    {
        time ??= new ManualTime(Now);
        return new DialerLookup(directory, daily ?? new DailyQuota(dailyBudget, time), cache ?? new LookupCache(time), runBudget);
    }

    /// <summary>A dialer call from a rep to <paramref name="phone"/>.</summary>
    public static Activity Call(string phone = CrmJson.Number, bool dialer = true, ActivityType type = ActivityType.Call) => new()
    {
        Id = "K1",
        Type = type,
        Dialer = dialer,
        OccurredAt = Now,
        Participants =
        [
            new Participant { Email = "rep@ourco.com", Role = "caller" },
            new Participant { Phone = phone, Role = "callee" },
        ],
    };

    /// <summary>Distinct valid US numbers.</summary>
    public static string Number(int i) => $"+1415555{1000 + i:D4}";
}
