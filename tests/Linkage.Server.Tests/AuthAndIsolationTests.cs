using System.Net;
using System.Text.Json;
using Linkage.Server.Tests.Support;

namespace Linkage.Server.Tests;

/// <summary>Every API request needs a key, and a key sees its own workspace only, in every endpoint.</summary>
public sealed class AuthAndIsolationTests : IDisposable
{
    private readonly ServerWorld _world = new();

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/workspace" },
        { "GET", "/api/activities/E002" },
        { "POST", "/api/activities" },
        { "PUT", "/api/activities/E002/pin" },
        { "DELETE", "/api/activities/E002/pin" },
        { "POST", "/api/crm/records" },
        { "POST", "/api/crm/deletions" },
        { "GET", "/api/settings" },
        { "PUT", "/api/settings" },
        { "GET", "/api/search?q=jane.doe@acme-robotics.com" },
        { "GET", "/api/records/account/A01" },
        { "GET", "/api/coverage" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Request_without_a_key_is_401_with_a_problem(string method, string url)
    {
        HttpClient client = ServerWorld.Client(_world.Server(), key: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        HttpResponseMessage response = await client.SendAsync(request);
        JsonElement problem = await response.Problem(HttpStatusCode.Unauthorized);
        Assert.Contains("API key", problem.GetProperty("detail").GetString());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Request_with_an_unknown_key_is_401(string method, string url)
    {
        HttpClient client = ServerWorld.Client(_world.Server(), "lk_not-a-key");
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        JsonElement problem = await (await client.SendAsync(request)).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("the API key is not valid", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Key_in_the_X_Api_Key_header_is_accepted()
    {
        HttpClient client = _world.Server().CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", _world.GlobexKey);
        JsonElement ws = await (await client.GetAsync("/api/workspace")).Json();
        Assert.Equal(ServerWorld.Globex, ws.GetProperty("workspace").GetString());
    }

    [Fact]
    public async Task Workspace_endpoint_counts_only_the_keys_workspace()
    {
        LinkageFactory server = _world.Server();
        JsonElement north = await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync("/api/workspace")).Json();
        JsonElement globex = await (await ServerWorld.Client(server, _world.GlobexKey).GetAsync("/api/workspace")).Json();
        Assert.Equal(69, north.GetProperty("activities").GetInt64());
        Assert.Equal(2, globex.GetProperty("activities").GetInt64());
        Assert.Equal(1, globex.GetProperty("contacts").GetInt64());
    }

    [Fact]
    public async Task Key_of_another_workspace_gets_404_for_its_activity()
    {
        HttpClient globex = ServerWorld.Client(_world.Server(), _world.GlobexKey);
        JsonElement problem = await (await globex.GetAsync("/api/activities/E001")).Problem(HttpStatusCode.NotFound);
        Assert.Equal("this workspace has no activity 'E001'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Same_activity_id_in_two_workspaces_shows_each_key_its_own()
    {
        LinkageFactory server = _world.Server();
        JsonElement north = await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync("/api/activities/E002")).Json();
        JsonElement globex = await (await ServerWorld.Client(server, _world.GlobexKey).GetAsync("/api/activities/E002")).Json();
        Assert.Equal(["C002"], north.GetProperty("association").GetProperty("contacts").Strings());
        Assert.Equal(["GC1"], globex.GetProperty("association").GetProperty("contacts").Strings());
    }

    [Fact]
    public async Task Key_of_another_workspace_cannot_pin_or_unpin_its_activity()
    {
        LinkageFactory server = _world.Server();
        HttpClient globex = ServerWorld.Client(server, _world.GlobexKey);
        await (await globex.PutJson("/api/activities/E001/pin", """{"contacts":["GC1"]}""")).Problem(HttpStatusCode.NotFound);
        await (await globex.DeleteAsync("/api/activities/E001/pin")).Problem(HttpStatusCode.NotFound);
        JsonElement north = await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync("/api/activities/E001")).Json();
        Assert.False(north.GetProperty("pinned").GetBoolean());
    }

    [Theory]
    [InlineData("account", "A01")]
    [InlineData("contact", "C002")]
    [InlineData("deal", "D03")]
    [InlineData("lead", "L01")]
    public async Task Key_of_another_workspace_gets_404_for_its_records(string kind, string id)
    {
        LinkageFactory server = _world.Server();
        await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync($"/api/records/{kind}/{id}")).Json();
        JsonElement problem = await (await ServerWorld.Client(server, _world.GlobexKey).GetAsync($"/api/records/{kind}/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.Contains($"no {kind} '{id}'", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("jane.doe@acme-robotics.com")]
    [InlineData("acme-robotics.com")]
    [InlineData("A01")]
    [InlineData("C002")]
    [InlineData("D03")]
    [InlineData("E001")]
    [InlineData("+1 212 555 0131")]
    public async Task Search_never_finds_another_workspaces_data(string term)
    {
        LinkageFactory server = _world.Server();
        JsonElement north = await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync($"/api/search?q={Uri.EscapeDataString(term)}")).Json();
        Assert.True(north.GetProperty("activities").GetArrayLength() + north.GetProperty("records").GetArrayLength() > 0, $"northwind finds {term}");
        JsonElement globex = await (await ServerWorld.Client(server, _world.GlobexKey).GetAsync($"/api/search?q={Uri.EscapeDataString(term)}")).Json();
        Assert.Equal(0, globex.GetProperty("activities").GetArrayLength());
        Assert.Equal(0, globex.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task Coverage_counts_only_the_keys_workspace()
    {
        LinkageFactory server = _world.Server();
        JsonElement globex = await (await ServerWorld.Client(server, _world.GlobexKey).GetAsync("/api/coverage")).Json();
        Assert.Equal(2, globex.GetProperty("activities").GetInt64());
        Assert.DoesNotContain(globex.GetProperty("unmatchedDomains").EnumerateArray(), d => d.GetProperty("value").GetString() == "blackmesa-research.org");
    }

    [Fact]
    public async Task Deleting_another_workspaces_ids_leaves_its_records_alone()
    {
        LinkageFactory server = _world.Server();
        JsonElement report = await (await ServerWorld.Client(server, _world.GlobexKey)
            .PostJson("/api/crm/deletions", """{"contacts":["C002"],"accounts":["A01"],"deals":["D03"]}""")).Json();
        Assert.Equal(0, report.GetProperty("deleted").GetInt64());
        JsonElement north = await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync("/api/activities/E002")).Json();
        Assert.Equal(["C002"], north.GetProperty("association").GetProperty("contacts").Strings());
    }

    [Fact]
    public async Task Upserting_records_in_one_workspace_does_not_reach_another()
    {
        LinkageFactory server = _world.Server();
        await (await ServerWorld.Client(server, _world.GlobexKey)
            .PostJson("/api/crm/records", """{"contacts":[{"id":"C002","name":"Impostor","emails":["someone@initech.com"]}]}""")).Json();
        JsonElement contact = await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync("/api/records/contact/C002")).Json();
        Assert.Equal("Raj Mehta", contact.GetProperty("record").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Submitting_an_activity_id_another_workspace_has_changes_only_ones_own()
    {
        LinkageFactory server = _world.Server();
        await (await ServerWorld.Client(server, _world.GlobexKey).PostJson("/api/activities",
            """[{"id":"E001","type":"email","occurredAt":"2026-03-01T10:00:00Z","participants":[{"email":"bill@initech.com","role":"to"}]}]""")).Json();
        JsonElement north = await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync("/api/activities/E001")).Json();
        Assert.Equal(["C001"], north.GetProperty("association").GetProperty("contacts").Strings());
        JsonElement globex = await (await ServerWorld.Client(server, _world.GlobexKey).GetAsync("/api/activities/E001")).Json();
        Assert.Equal(["GC1"], globex.GetProperty("association").GetProperty("contacts").Strings());
    }

    [Fact]
    public async Task Settings_are_per_workspace()
    {
        LinkageFactory server = _world.Server();
        JsonElement globex = await (await ServerWorld.Client(server, _world.GlobexKey).GetAsync("/api/settings")).Json();
        Assert.Equal(["globex-sales.com"], globex.GetProperty("companyDomains").Strings());
        JsonElement north = await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync("/api/settings")).Json();
        Assert.Equal(["northwind.io"], north.GetProperty("companyDomains").Strings());
    }

    public void Dispose() => _world.Dispose();
}
