using System.Globalization;
using System.Net;
using System.Text.Json;
using Linkage.Server.Api;
using Linkage.Server.Tests.Support;

namespace Linkage.Server.Tests;

/// <summary>Submitting batches, reading one activity with its explanation, pinning and unpinning.</summary>
public sealed class ActivityApiTests : IDisposable
{
    private readonly ServerWorld _world = new();

    private HttpClient North(LinkageFactory? server = null) => ServerWorld.Client(server ?? _world.Server(), _world.NorthwindKey);

    [Fact]
    public async Task Batch_is_answered_with_each_association_in_request_order()
    {
        JsonElement answer = await (await North().PostJson("/api/activities", """
            [
              {"id":"N2","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"maya.chen@northwind.io","role":"from"},{"email":"r.mehta@acme-robotics.com","role":"to"}]},
              {"id":"N1","type":"call","occurredAt":"2026-02-20T11:00:00Z","participants":[{"phone":"+1 212 555 0100","role":"callee"}]},
              {"id":"N3","type":"meeting","occurredAt":"2026-02-20T12:00:00Z","participants":[{"email":"maya.chen@northwind.io"},{"email":"priya.patel@northwind.io"}]}
            ]
            """)).Json();
        JsonElement[] lines = [.. answer.GetProperty("associations").EnumerateArray()];
        Assert.Equal(["N2", "N1", "N3"], lines.Select(l => l.GetProperty("activityId").GetString()));
        Assert.Equal(["associated", "unmatched", "internal"], lines.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal(["C002"], lines[0].GetProperty("contacts").Strings());
        Assert.Equal("contact-email", lines[0].GetProperty("participants")[1].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Batch_answer_carries_non_ascii_text_whole()
    {
        JsonElement answer = await (await North().PostJson("/api/activities", """
            [
              {"id":"Ñ-通話-1","type":"call","occurredAt":"2026-02-20T11:00:00Z","participants":[{"phone":"+1 212 555 0100","role":"callee"}]},
              {"id":"Zoë😀","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"r.mehta@acme-robotics.com","role":"to"}]}
            ]
            """)).Json();

        Assert.Equal(["Ñ-通話-1", "Zoë😀"], answer.GetProperty("associations").EnumerateArray().Select(l => l.GetProperty("activityId").GetString()));
    }

    [Fact]
    public async Task Submitted_activities_are_stored_with_their_association_and_history()
    {
        LinkageFactory server = _world.Server();
        await (await North(server).PostJson("/api/activities",
            """[{"id":"N9","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"jane.doe@acme-robotics.com","role":"to"}]}]""")).Json();
        JsonElement view = await (await North(server).GetAsync("/api/activities/N9")).Json();
        Assert.Equal("N9", view.GetProperty("activity").GetProperty("id").GetString());
        Assert.Equal(["C001"], view.GetProperty("association").GetProperty("contacts").Strings());
        Assert.False(view.TryGetProperty("pending", out _));
        Assert.Equal("new activity", view.GetProperty("history")[0].GetProperty("cause").GetString());
        JsonElement ws = await (await North(server).GetAsync("/api/workspace")).Json();
        Assert.Equal(70, ws.GetProperty("activities").GetInt64());
        Assert.Equal(0, ws.GetProperty("pending").GetInt64());
    }

    [Fact]
    public async Task Concurrent_requests_written_together_each_get_their_own_lines_and_one_history_entry()
    {
        LinkageFactory server = _world.Server();
        string[] emails = ["jane.doe@acme-robotics.com", "r.mehta@acme-robotics.com"];
        Task<JsonElement>[] requests = [.. Enumerable.Range(0, 40).Select(async i => await (await North(server).PostJson("/api/activities",
            $$"""[{"id":"G{{i}}","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"{{emails[i % 2]}}","role":"to"}]}]""")).Json())];
        JsonElement[] answers = await Task.WhenAll(requests);

        for (int i = 0; i < answers.Length; i++)
        {
            JsonElement line = Assert.Single(answers[i].GetProperty("associations").EnumerateArray());
            Assert.Equal($"G{i}", line.GetProperty("activityId").GetString());
            Assert.Equal([i % 2 == 0 ? "C001" : "C002"], line.GetProperty("contacts").Strings());
        }

        JsonElement view = await (await North(server).GetAsync("/api/activities/G7")).Json();
        Assert.Single(view.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Repeated_id_in_a_batch_counts_once_and_the_last_wins()
    {
        JsonElement answer = await (await North().PostJson("/api/activities", """
            [
              {"id":"R1","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"jane.doe@acme-robotics.com"}]},
              {"id":"R1","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"r.mehta@acme-robotics.com"}]}
            ]
            """)).Json();
        JsonElement line = Assert.Single(answer.GetProperty("associations").EnumerateArray());
        Assert.Equal(["C002"], line.GetProperty("contacts").Strings());
    }

    [Fact]
    public async Task Batch_written_in_chunks_answers_each_id_once_in_order_with_the_last_activity()
    {
        // Ids 0..1199 in reverse, over three chunks; id B5 appears first and again at the very end.
        string[] emails = ["jane.doe@acme-robotics.com", "r.mehta@acme-robotics.com"];
        string Activity(int i, string email) =>
            $$"""{"id":"B{{i}}","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"{{email}}","role":"to"}]}""";
        int count = ActivityEndpoints.SubmitChunk * 2 + 200;
        var items = new List<string> { Activity(5, emails[0]) };
        items.AddRange(Enumerable.Range(0, count).Reverse().Where(i => i != 5).Select(i => Activity(i, emails[i % 2])));
        items.Add(Activity(5, emails[1]));
        LinkageFactory server = _world.Server();

        JsonElement answer = await (await North(server).PostJson("/api/activities", "[" + string.Join(',', items) + "]")).Json();

        JsonElement[] lines = [.. answer.GetProperty("associations").EnumerateArray()];
        string[] expectedIds = ["B5", .. Enumerable.Range(0, count).Reverse().Where(i => i != 5).Select(i => $"B{i}")];
        Assert.Equal(expectedIds, lines.Select(l => l.GetProperty("activityId").GetString()));
        Assert.Equal(["C002"], lines[0].GetProperty("contacts").Strings());
        Assert.All(lines.Skip(1), l => Assert.Equal(
            [int.Parse(l.GetProperty("activityId").GetString()![1..], CultureInfo.InvariantCulture) % 2 == 0 ? "C001" : "C002"],
            l.GetProperty("contacts").Strings()));
        JsonElement ws = await (await North(server).GetAsync("/api/workspace")).Json();
        Assert.Equal(69 + count, ws.GetProperty("activities").GetInt64());
    }

    [Fact]
    public async Task Bad_activity_in_a_later_chunk_refuses_the_whole_batch_before_anything_is_stored()
    {
        int count = ActivityEndpoints.SubmitChunk + 10;
        IEnumerable<string> good = Enumerable.Range(0, count).Select(i =>
            $$"""{"id":"K{{i}}","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"jane.doe@acme-robotics.com","role":"to"}]}""");
        string body = "[" + string.Join(',', good) + """,{"id":"K-bad","type":"fax","occurredAt":"2026-02-20T10:00:00Z","participants":[]}]""";
        LinkageFactory server = _world.Server();

        HttpResponseMessage refused = await North(server).PostJson("/api/activities", body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        JsonElement ws = await (await North(server).GetAsync("/api/workspace")).Json();
        Assert.Equal(69, ws.GetProperty("activities").GetInt64());
    }

    [Fact]
    public async Task Empty_batch_is_answered_with_no_lines()
    {
        JsonElement answer = await (await North().PostJson("/api/activities", "[]")).Json();
        Assert.Empty(answer.GetProperty("associations").EnumerateArray());
    }

    [Fact]
    public async Task Activity_view_explains_rule_evidence_tie_break_and_deal_reasons()
    {
        JsonElement view = await (await North().GetAsync("/api/activities/E002")).Json();
        JsonElement line = view.GetProperty("association");
        JsonElement raj = line.GetProperty("participants")[0];
        Assert.Equal("external", raj.GetProperty("class").GetString());
        Assert.Equal("contact-email", raj.GetProperty("rule").GetString());
        Assert.Equal("email:r.mehta@acme-robotics.com", raj.GetProperty("matchedOn").GetString());
        JsonElement deal = Assert.Single(line.GetProperty("dealReasons").EnumerateArray());
        Assert.Equal("opened-after", deal.GetProperty("reason").GetString());
        Assert.Equal(["useContactRoles"], deal.GetProperty("narrowedBy").Strings());
    }

    [Fact]
    public async Task Unknown_activity_is_404_problem()
    {
        JsonElement problem = await (await North().GetAsync("/api/activities/NOPE")).Problem(HttpStatusCode.NotFound);
        Assert.Equal("this workspace has no activity 'NOPE'", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"id":"E1"}""", "activities", "expected a JSON array")]
    [InlineData("""[{"id":"B1","type":"email","occurredAt":"2026-02-20T10:00:00Z"},{"id":"B2","type":"email"}]""", "activities[1]", "occurredAt")]
    [InlineData("""[{"id":"B1","type":"fax","occurredAt":"2026-02-20T10:00:00Z"}]""", "activities[0]", "fax")]
    [InlineData("""[{"type":"email","occurredAt":"2026-02-20T10:00:00Z"}]""", "activities[0]", "id")]
    [InlineData("""[{"id":"B1","type":"email","occurredAt":"yesterday"}]""", "activities[0]", "yesterday")]
    [InlineData("""[{"id":"B1",""", "activities", "not valid JSON")]
    public async Task Bad_activity_refuses_the_batch_naming_it(string body, string field, string mentions)
    {
        LinkageFactory server = _world.Server();
        string message = await (await North(server).PostJson("/api/activities", body)).BadField(field);
        Assert.Contains(mentions, message);
        JsonElement ws = await (await North(server).GetAsync("/api/workspace")).Json();
        Assert.Equal(69, ws.GetProperty("activities").GetInt64());
    }

    [Fact]
    public async Task Pin_replaces_the_association_and_unpin_restores_it()
    {
        LinkageFactory server = _world.Server();
        JsonElement pinned = await (await North(server).PutJson("/api/activities/E002/pin", """{"contacts":["C001"],"deals":["D02"]}""")).Json();
        Assert.True(pinned.GetProperty("pinned").GetBoolean());
        JsonElement line = pinned.GetProperty("association");
        Assert.True(line.GetProperty("manual").GetBoolean());
        Assert.Equal(["C001"], line.GetProperty("contacts").Strings());
        Assert.Equal("manual", line.GetProperty("dealReasons")[0].GetProperty("reason").GetString());
        Assert.Equal(["C002"], line.GetProperty("automatic").GetProperty("contacts").Strings());

        // A later submission of the same activity still answers with the pin.
        JsonElement again = await (await North(server).PostJson("/api/activities",
            """[{"id":"E002","type":"email","occurredAt":"2026-02-04T11:20:00-05:00","participants":[{"email":"r.mehta@acme-robotics.com"}]}]""")).Json();
        Assert.Equal(["C001"], again.GetProperty("associations")[0].GetProperty("contacts").Strings());

        JsonElement unpinned = await (await North(server).DeleteAsync("/api/activities/E002/pin")).Json();
        Assert.False(unpinned.GetProperty("pinned").GetBoolean());
        Assert.Equal(["C002"], unpinned.GetProperty("association").GetProperty("contacts").Strings());
        string?[] causes = [.. unpinned.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("cause").GetString())];
        Assert.Equal("new activity", causes[0]);
        Assert.True(Array.IndexOf(causes, "pinned by hand") < Array.IndexOf(causes, "unpinned by hand"), string.Join(", ", causes));
        Assert.Equal("unpinned by hand", causes[^1]);
    }

    [Theory]
    [InlineData("{}", "contacts")]
    [InlineData("""{"contacts":[1]}""", "contacts[0]")]
    [InlineData("""{"deals":"D01"}""", "deals")]
    public async Task Bad_pin_is_400_naming_the_field(string body, string field) =>
        await (await North().PutJson("/api/activities/E002/pin", body)).BadField(field);

    [Fact]
    public async Task Pin_of_an_unknown_activity_is_404() =>
        await (await North().PutJson("/api/activities/NOPE/pin", """{"contacts":["C001"]}""")).Problem(HttpStatusCode.NotFound);

    public void Dispose() => _world.Dispose();
}
