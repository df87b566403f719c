using System.Net;
using System.Text.Json;
using Linkage.Server.Tests.Support;

namespace Linkage.Server.Tests;

/// <summary>CRM changes through the API: stored, re-associating what they affect, and seen by the next batch.</summary>
public sealed class CrmApiTests : IDisposable
{
    private readonly ServerWorld _world = new();

    private HttpClient Globex(LinkageFactory server) => ServerWorld.Client(server, _world.GlobexKey);

    [Fact]
    public async Task Upsert_reports_what_changed_and_re_associates_affected_activities()
    {
        LinkageFactory server = _world.Server();
        // GX1 is Bill's; a second contact with Bill's address makes the match ambiguous, decided by a tie-break.
        JsonElement report = await (await Globex(server).PostJson("/api/crm/records",
            """{"contacts":[{"id":"GC0","accountId":"GA1","name":"Bill's twin","emails":["bill@initech.com"],"modifiedAt":"2026-03-01T00:00:00Z"}]}""")).Json();
        Assert.Equal(1, report.GetProperty("added").GetInt64());
        Assert.Equal(2, report.GetProperty("reassociated").GetInt64());
        JsonElement view = await (await Globex(server).GetAsync("/api/activities/GX1")).Json();
        JsonElement bill = view.GetProperty("association").GetProperty("participants")[1];
        Assert.True(bill.GetProperty("ambiguous").GetBoolean());
        Assert.False(string.IsNullOrEmpty(bill.GetProperty("tieBreak").GetString()));
        Assert.Single(bill.GetProperty("candidates").EnumerateArray());
    }

    [Fact]
    public async Task Next_batch_uses_records_added_through_the_api()
    {
        LinkageFactory server = _world.Server();
        string activity = """[{"id":"GX2","type":"email","occurredAt":"2026-02-06T09:00:00Z","participants":[{"email":"peter@initrode.com"}]}]""";
        JsonElement before = await (await Globex(server).PostJson("/api/activities", activity)).Json();
        Assert.Equal("unmatched", before.GetProperty("associations")[0].GetProperty("status").GetString());

        await (await Globex(server).PostJson("/api/crm/records", """{"accounts":[{"id":"GA2","name":"Initrode","domains":["initrode.com"]}]}""")).Json();
        // The stored line was re-associated by the change...
        JsonElement stored = await (await Globex(server).GetAsync("/api/activities/GX2")).Json();
        Assert.Equal(["GA2"], stored.GetProperty("association").GetProperty("accounts").Strings());
        // ...and the rebuilt engine answers the next batch with the new account.
        JsonElement after = await (await Globex(server).PostJson("/api/activities", activity.Replace("GX2", "GX3", StringComparison.Ordinal))).Json();
        JsonElement line = after.GetProperty("associations")[0];
        Assert.Equal(["GA2"], line.GetProperty("accounts").Strings());
        Assert.Equal("account-domain", line.GetProperty("participants")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Deletion_removes_records_and_re_associates()
    {
        LinkageFactory server = _world.Server();
        JsonElement report = await (await Globex(server).PostJson("/api/crm/deletions",
            """{"contacts":["GC1"],"dealContacts":[{"dealId":"GD1","contactId":"GC1"}]}""")).Json();
        Assert.Equal(1, report.GetProperty("deleted").GetInt64());
        JsonElement view = await (await Globex(server).GetAsync("/api/activities/GX1")).Json();
        Assert.Empty(view.GetProperty("association").GetProperty("contacts").Strings());
        Assert.Equal(["GA1"], view.GetProperty("association").GetProperty("accounts").Strings());
        await (await Globex(server).GetAsync("/api/records/contact/GC1")).Problem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"contacts":[{"id":"X","modifiedAt":"soon"}]}""", "contacts[0].modifiedAt")]
    [InlineData("""{"deals":[{"name":"no id"}]}""", "deals[0]")]
    [InlineData("""{"dealContacts":[{"dealId":"GD1"}]}""", "dealContacts[0]")]
    [InlineData("""{"accounts":{"id":"GA9"}}""", "accounts")]
    public async Task Bad_record_is_400_naming_the_field(string body, string field)
    {
        LinkageFactory server = _world.Server();
        await (await Globex(server).PostJson("/api/crm/records", body)).BadField(field);
        JsonElement ws = await (await Globex(server).GetAsync("/api/workspace")).Json();
        Assert.Equal(1, ws.GetProperty("contacts").GetInt64());
    }

    [Theory]
    [InlineData("""{"contacts":[""]}""", "contacts[0]")]
    [InlineData("""{"dealContacts":[{"dealId":"GD1"}]}""", "dealContacts[0]")]
    [InlineData("""{"deals":[{"id":"GD1"}]}""", "deals[0]")]
    public async Task Bad_deletion_is_400_naming_the_field(string body, string field) =>
        await (await Globex(_world.Server()).PostJson("/api/crm/deletions", body)).BadField(field);

    [Fact]
    public async Task Settings_change_re_associates_every_activity()
    {
        LinkageFactory server = _world.Server();
        // Making initech.com a company domain turns Bill into a colleague: nothing external is left to match.
        JsonElement report = await (await Globex(server).PutJson("/api/settings", """{"companyDomains":["globex-sales.com","initech.com"]}""")).Json();
        Assert.Equal(2, report.GetProperty("reassociated").GetInt64());
        JsonElement view = await (await Globex(server).GetAsync("/api/activities/GX1")).Json();
        Assert.Equal("internal", view.GetProperty("association").GetProperty("status").GetString());
        JsonElement settings = await (await Globex(server).GetAsync("/api/settings")).Json();
        Assert.Equal(["globex-sales.com", "initech.com"], settings.GetProperty("companyDomains").Strings());
    }

    [Fact]
    public async Task Bad_settings_are_400_naming_the_field() =>
        await (await Globex(_world.Server()).PutJson("/api/settings", """{"dealWindowDays":"long"}""")).BadField("dealWindowDays");

    public void Dispose() => _world.Dispose();
}
