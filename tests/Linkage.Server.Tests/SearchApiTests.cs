using System.Net;
using System.Text.Json;
using Linkage.Server.Tests.Support;

namespace Linkage.Server.Tests;

/// <summary>Search by email, phone, domain and record ids; record views with their timelines.</summary>
public sealed class SearchApiTests : IDisposable
{
    private readonly ServerWorld _world = new();

    private async Task<JsonElement> Search(string query) =>
        await (await ServerWorld.Client(_world.Server(), _world.NorthwindKey).GetAsync("/api/search?" + query)).Json();

    [Theory]
    [InlineData("q=Jane.Doe%40ACME-Robotics.com", "email", "contact:C001", "E001")]
    [InlineData("q=%2B1%20212%20555%200131", "phone", "", "K001")]
    [InlineData("q=acme-robotics.com", "domain", "account:A01", "E002")]
    [InlineData("q=C002", "contact", "contact:C002", "E002")]
    [InlineData("q=A01", "account", "account:A01", "E003")]
    [InlineData("q=D03", "deal", "deal:D03", "E002")]
    [InlineData("q=E002", "activity", "", "E002")]
    [InlineData("q=212.555.0131&kind=phone", "phone", "", "K001")]
    [InlineData("q=A01&kind=account", "account", "account:A01", "E002")]
    public async Task Search_finds_records_and_activities(string query, string kind, string record, string activity)
    {
        JsonElement found = await Search(query);
        Assert.Equal(kind, found.GetProperty("kind").GetString());
        string[] records = [.. found.GetProperty("records").EnumerateArray().Select(r => $"{r.GetProperty("kind").GetString()}:{r.GetProperty("id").GetString()}")];
        if (record.Length > 0)
        {
            Assert.Contains(record, records);
        }

        Assert.Contains(activity, found.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Search_by_record_lists_only_activities_associated_with_it_newest_first()
    {
        JsonElement found = await Search("q=C002&kind=contact");
        JsonElement[] activities = [.. found.GetProperty("activities").EnumerateArray()];
        Assert.NotEmpty(activities);
        Assert.All(activities, a => Assert.Contains("C002", a.GetProperty("contacts").Strings()));
        DateTimeOffset[] times = [.. activities.Select(a => a.GetProperty("occurredAt").GetDateTimeOffset())];
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Theory]
    [InlineData("q=", "q")]
    [InlineData("q=x&kind=colour", "kind")]
    [InlineData("q=not-an-address&kind=email", "q")]
    [InlineData("q=hello&kind=phone", "q")]
    public async Task Bad_search_is_400_naming_the_field(string query, string field) =>
        await (await ServerWorld.Client(_world.Server(), _world.NorthwindKey).GetAsync("/api/search?" + query)).BadField(field);

    [Fact]
    public async Task Account_view_has_its_deals_and_a_timeline_of_its_activities()
    {
        JsonElement view = await (await ServerWorld.Client(_world.Server(), _world.NorthwindKey).GetAsync("/api/records/account/A01")).Json();
        Assert.Equal("Acme Robotics", view.GetProperty("record").GetProperty("name").GetString());
        Assert.Equal(["D01", "D02", "D03"], view.GetProperty("deals").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order());
        string[] ids = [.. view.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];
        Assert.Contains("E002", ids);
        Assert.Contains("M002", ids);
    }

    [Fact]
    public async Task Unknown_record_kind_is_400_and_unknown_id_404()
    {
        HttpClient client = ServerWorld.Client(_world.Server(), _world.NorthwindKey);
        await (await client.GetAsync("/api/records/planet/A01")).BadField("kind");
        await (await client.GetAsync("/api/records/account/A999")).Problem(HttpStatusCode.NotFound);
    }

    public void Dispose() => _world.Dispose();
}
