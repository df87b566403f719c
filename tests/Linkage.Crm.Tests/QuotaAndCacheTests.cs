using Linkage.Core.Engine;
using Linkage.Crm.Tests.Support;

namespace Linkage.Crm.Tests;

/// <summary>The API-call budgets are never exceeded, also in parallel; answers are cached.</summary>
public class QuotaAndCacheTests
{
    [Fact]
    public async Task The_run_budget_is_never_exceeded_by_parallel_look_ups()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(CrmJson.HubSpotEmpty) with { Delay = TimeSpan.FromMilliseconds(20) });
        using var client = new HttpClient();
        DialerLookup dialer = Lookups.Dialer(Lookups.HubSpot(server, client), runBudget: 7);
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => dialer.Lookup(Lookups.Number(i), Lookups.Call()));
        Assert.Equal((7, 7), (server.Requests, dialer.ApiCalls));
    }

    [Fact]
    public async Task The_daily_budget_holds_across_concurrent_runs()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(CrmJson.HubSpotEmpty) with { Delay = TimeSpan.FromMilliseconds(20) });
        using var client = new HttpClient();
        var time = new ManualTime(Lookups.Now);
        var daily = new DailyQuota(10, time);
        DialerLookup[] runs = [.. Enumerable.Range(0, 3).Select(_ => Lookups.Dialer(Lookups.HubSpot(server, client), runBudget: 100, time: time, daily: daily))];
        Parallel.For(0, 60, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => runs[i % 3].Lookup(Lookups.Number(i), Lookups.Call()));
        Assert.Equal((10, 10), (server.Requests, runs.Sum(r => r.ApiCalls)));
    }

    [Fact]
    public void The_daily_budget_starts_again_the_next_utc_day()
    {
        var time = new ManualTime(Lookups.Now);
        var daily = new DailyQuota(1, time);
        daily.TryTake();
        time.Advance(TimeSpan.FromDays(1));
        Assert.True(daily.TryTake());
    }

    [Fact]
    public async Task A_spent_budget_marks_the_look_up_quota_exhausted_without_a_request()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(CrmJson.HubSpotContact));
        using var client = new HttpClient();
        DialerLookupResult result = Lookups.Dialer(Lookups.HubSpot(server, client), runBudget: 0).Lookup(CrmJson.Number, Lookups.Call());
        Assert.Equal((LookupOutcomes.QuotaExhausted, 0, 0), (result.Failure, result.ApiCalls, server.Requests));
    }

    [Fact]
    public async Task Retries_spend_the_quota_like_first_attempts()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(new Reply(503, "{}"));
        using var client = new HttpClient();
        DialerLookupResult result = Lookups.Dialer(Lookups.HubSpot(server, client, Lookups.Quick(retries: 5)), runBudget: 2).Lookup(CrmJson.Number, Lookups.Call());
        Assert.Equal((2, 2, LookupOutcomes.QuotaExhausted), (server.Requests, result.ApiCalls, result.Failure));
    }

    [Fact]
    public async Task A_number_nobody_has_is_not_asked_again_within_the_time_to_live()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(CrmJson.HubSpotEmpty));
        using var client = new HttpClient();
        var time = new ManualTime(Lookups.Now);
        DialerLookup dialer = Lookups.Dialer(Lookups.HubSpot(server, client), time: time);
        dialer.Lookup(CrmJson.Number, Lookups.Call());
        time.Advance(TimeSpan.FromHours(23));
        DialerLookupResult again = dialer.Lookup(CrmJson.Number, Lookups.Call());
        Assert.Equal((1, 0), (server.Requests, again.ApiCalls));
    }

    [Fact]
    public async Task A_number_nobody_had_is_asked_again_once_the_time_to_live_has_passed()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(CrmJson.HubSpotEmpty));
        using var client = new HttpClient();
        var time = new ManualTime(Lookups.Now);
        DialerLookup dialer = Lookups.Dialer(Lookups.HubSpot(server, client), time: time);
        dialer.Lookup(CrmJson.Number, Lookups.Call());
        time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        dialer.Lookup(CrmJson.Number, Lookups.Call());
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_found_contact_costs_nothing_the_next_time()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(CrmJson.HubSpotContact));
        using var client = new HttpClient();
        DialerLookup dialer = Lookups.Dialer(Lookups.HubSpot(server, client));
        dialer.Lookup(CrmJson.Number, Lookups.Call());
        DialerLookupResult again = dialer.Lookup(CrmJson.Number, Lookups.Call());
        Assert.Equal((1, "51", 0), (server.Requests, again.Contacts.Single().Id, again.ApiCalls));
    }

    [Fact]
    public void Misses_remembered_by_an_earlier_run_are_believed_until_they_expire()
    {
        var time = new ManualTime(Lookups.Now);
        var cache = new LookupCache(time);
        cache.Remember(CrmJson.Number, Lookups.Now.AddHours(1));
        time.Advance(TimeSpan.FromHours(2));
        Assert.False(cache.TryGet(CrmJson.Number, out _));
    }

    [Fact]
    public void New_misses_are_handed_over_once_for_saving()
    {
        var cache = new LookupCache(new ManualTime(Lookups.Now));
        cache.Put(CrmJson.Number, CrmAnswer.Empty);
        cache.TakeNewMisses();
        Assert.Empty(cache.TakeNewMisses());
    }
}
