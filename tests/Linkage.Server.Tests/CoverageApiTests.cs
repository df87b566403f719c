using System.Text.Json;
using Linkage.Server.Tests.Support;

namespace Linkage.Server.Tests;

/// <summary>Coverage: the share associated per rule per period, and the CRM gaps.</summary>
public sealed class CoverageApiTests : IDisposable
{
    private readonly ServerWorld _world = new();

    [Fact]
    public async Task Coverage_splits_every_activity_by_rule_per_month()
    {
        JsonElement coverage = await (await ServerWorld.Client(_world.Server(), _world.NorthwindKey).GetAsync("/api/coverage")).Json();
        Assert.Equal(69, coverage.GetProperty("activities").GetInt64());
        JsonElement[] periods = [.. coverage.GetProperty("periods").EnumerateArray()];
        Assert.Equal(["2026-01", "2026-02", "2026-03"], periods.Select(p => p.GetProperty("period").GetString()));
        Assert.Equal(69, periods.Sum(p => p.GetProperty("activities").GetInt64()));
        foreach (JsonElement p in periods)
        {
            Assert.Equal(p.GetProperty("activities").GetInt64(), p.GetProperty("byRule").EnumerateObject().Sum(r => r.Value.GetInt64()));
        }

        long associated = periods.Sum(p => p.GetProperty("byRule").EnumerateObject()
            .Where(r => r.Name is not ("unmatched" or "internal" or "pending")).Sum(r => r.Value.GetInt64()));
        Assert.Equal(coverage.GetProperty("associated").GetInt64(), associated);
        Assert.True(periods[0].GetProperty("byRule").GetProperty("contact-email").GetInt64() > 0);
    }

    [Fact]
    public async Task Coverage_lists_unmatched_domains_and_phones_with_counts()
    {
        JsonElement coverage = await (await ServerWorld.Client(_world.Server(), _world.NorthwindKey).GetAsync("/api/coverage?top=5")).Json();
        JsonElement domain = Assert.Single(coverage.GetProperty("unmatchedDomains").EnumerateArray(), d => d.GetProperty("value").GetString() == "blackmesa-research.org");
        Assert.Equal(1, domain.GetProperty("activities").GetInt64());
        Assert.Contains("+15125550188", coverage.GetProperty("unmatchedPhones").EnumerateArray().Select(p => p.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task Coverage_follows_new_activities_and_pins()
    {
        LinkageFactory server = _world.Server();
        HttpClient client = ServerWorld.Client(server, _world.GlobexKey);
        JsonElement before = await (await client.GetAsync("/api/coverage")).Json();
        Assert.Equal(2, before.GetProperty("associated").GetInt64());
        await (await client.PostJson("/api/activities",
            """[{"id":"GX5","type":"email","occurredAt":"2026-04-02T09:00:00Z","participants":[{"email":"milton@initrode-gap.com"}]}]""")).Json();
        await (await client.PutJson("/api/activities/GX1/pin", """{"contacts":["GC1"]}""")).Json();
        JsonElement after = await (await client.GetAsync("/api/coverage")).Json();
        Assert.Equal(3, after.GetProperty("activities").GetInt64());
        JsonElement april = after.GetProperty("periods").EnumerateArray().Single(p => p.GetProperty("period").GetString() == "2026-04");
        Assert.Equal(1, april.GetProperty("byRule").GetProperty("unmatched").GetInt64());
        JsonElement february = after.GetProperty("periods").EnumerateArray().Single(p => p.GetProperty("period").GetString() == "2026-02");
        Assert.Equal(1, february.GetProperty("byRule").GetProperty("manual").GetInt64());
        Assert.Equal("initrode-gap.com", after.GetProperty("unmatchedDomains")[0].GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("bucket=year", "bucket")]
    [InlineData("top=0", "top")]
    public async Task Bad_coverage_query_is_400_naming_the_field(string query, string field) =>
        await (await ServerWorld.Client(_world.Server(), _world.NorthwindKey).GetAsync("/api/coverage?" + query)).BadField(field);

    [Fact]
    public async Task Weekly_buckets_are_iso_weeks()
    {
        JsonElement coverage = await (await ServerWorld.Client(_world.Server(), _world.GlobexKey).GetAsync("/api/coverage?bucket=week")).Json();
        Assert.Equal(["2026-W06"], coverage.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
    }

    public void Dispose() => _world.Dispose();
}
