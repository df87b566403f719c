using System.Net;
using Linkage.Core.Engine;
using Linkage.Crm.Tests.Support;

namespace Linkage.Crm.Tests;

/// <summary>Retries, Retry-After, timeouts, the circuit breaker, and failures that must never crash a run.</summary>
public class ResilienceTests
{
    private static async Task<DialerLookupResult> LookUp(FakeCrmServer server, CrmResilienceOptions resilience, string number = CrmJson.Number)
    {
        using var client = new HttpClient();
        return Lookups.Dialer(Lookups.HubSpot(server, client, resilience)).Lookup(number, Lookups.Call());
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_servers_retry_after_not_the_back_off()
    {
        // The back-off alone would wait a minute; the look-up's limit (10 s) would then fail it.
        await using FakeCrmServer server = await FakeCrmServer.StartAsync((_, n) =>
            n == 1 ? new Reply(429, """{"status":"error","category":"RATE_LIMITS"}""", RetryAfterSeconds: 1) : Reply.Json(CrmJson.HubSpotContact));
        using var client = new HttpClient();
        var dialer = new DialerLookup(Lookups.HubSpot(server, client, Lookups.Quick() with { BaseDelay = TimeSpan.FromMinutes(1) }),
            new DailyQuota(100, TimeProvider.System), new LookupCache(TimeProvider.System), 100, lookupTimeout: TimeSpan.FromSeconds(10));
        DialerLookupResult result = dialer.Lookup(CrmJson.Number, Lookups.Call());
        Assert.Equal((2, "51", 2), (server.Requests, result.Contacts.Single().Id, result.ApiCalls));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_retried_then_reported_as_unavailable(int status)
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(new Reply(status, "{}"));
        DialerLookupResult result = await LookUp(server, Lookups.Quick(retries: 2));
        Assert.Equal((3, LookupOutcomes.Unavailable, 3), (server.Requests, result.Failure, result.ApiCalls));
    }

    [Fact]
    public async Task A_server_error_then_success_finds_the_contact()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync((_, n) => n == 1 ? new Reply(500, "{}") : Reply.Json(CrmJson.HubSpotContact));
        DialerLookupResult result = await LookUp(server, Lookups.Quick());
        Assert.Equal(("51", 2), (result.Contacts.Single().Id, result.ApiCalls));
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_the_retry_finds_the_contact()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync((_, n) =>
            n == 1 ? Reply.Json(CrmJson.HubSpotContact) with { Delay = TimeSpan.FromSeconds(5) } : Reply.Json(CrmJson.HubSpotContact));
        DialerLookupResult result = await LookUp(server, Lookups.Quick() with { AttemptTimeout = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(("51", 2), (result.Contacts.Single().Id, server.Requests));
    }

    [Fact]
    public async Task A_malformed_answer_is_reported_on_the_participant_not_thrown()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json("<html>maintenance</html>"));
        DialerLookupResult result = await LookUp(server, Lookups.Quick());
        Assert.Equal((LookupOutcomes.Malformed, 1), (result.Failure, server.Requests));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_refused_token_stops_look_ups_for_the_rest_of_the_run(int status)
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(new Reply(status, """{"message":"expired"}"""));
        using var client = new HttpClient();
        DialerLookup dialer = Lookups.Dialer(Lookups.HubSpot(server, client));
        dialer.Lookup(Lookups.Number(1), Lookups.Call());
        DialerLookupResult second = dialer.Lookup(Lookups.Number(2), Lookups.Call());
        Assert.Equal((1, LookupOutcomes.AuthFailed, true), (server.Requests, second.Failure, dialer.Stopped));
    }

    [Fact]
    public async Task A_refused_token_is_reported_once_however_many_numbers_follow()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(new Reply(401, "{}"));
        using var client = new HttpClient();
        DialerLookup dialer = Lookups.Dialer(Lookups.HubSpot(server, client));
        for (int i = 0; i < 5; i++)
        {
            dialer.Lookup(Lookups.Number(i), Lookups.Call());
        }

        Assert.Single(dialer.Events, e => e.Code == LookupOutcomes.AuthFailed);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_spares_the_quota()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(new Reply(500, "{}"));
        CrmResilienceOptions breaker = Lookups.Quick(retries: 0) with
        {
            BreakerMinimumThroughput = 3,
            BreakerFailureRatio = 0.5,
            BreakerBreakDuration = TimeSpan.FromMinutes(1),
        };
        using var client = new HttpClient();
        DialerLookup dialer = Lookups.Dialer(Lookups.HubSpot(server, client, breaker));
        DialerLookupResult[] results = [.. Enumerable.Range(0, 10).Select(i => dialer.Lookup(Lookups.Number(i), Lookups.Call()))];
        Assert.Equal((3, true), (server.Requests, results.All(r => r.Failure == LookupOutcomes.Unavailable)));
    }

    [Fact]
    public async Task An_unreachable_crm_is_reported_as_unavailable()
    {
        Uri closed;
        await using (FakeCrmServer gone = await FakeCrmServer.StartAsync(Reply.Json("{}")))
        {
            closed = gone.BaseUrl;
        }

        using var client = new HttpClient();
        var directory = new HubSpotDirectory(client, "t", closed, Lookups.Quick(retries: 1));
        Assert.Equal(LookupOutcomes.Unavailable, Lookups.Dialer(directory).Lookup(CrmJson.Number, Lookups.Call()).Failure);
    }

    [Theory]
    [InlineData(5, 60, 5)]
    [InlineData(600, 60, 60)]
    [InlineData(0, 60, 0)]
    public void Retry_after_seconds_are_honoured_up_to_the_cap(int seconds, int capSeconds, int expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        Assert.Equal(TimeSpan.FromSeconds(expected), CrmHttp.RetryAfter(response, TimeSpan.FromSeconds(capSeconds)));
    }

    [Fact]
    public void Without_retry_after_the_back_off_decides()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.Null(CrmHttp.RetryAfter(response, TimeSpan.FromMinutes(1)));
    }
}
