using Linkage.Core.Model;
using Linkage.Formats.Canonical;

namespace Linkage.Formats.Tests;

public class ActivityLineParserTests
{
    private const string CallExample = """
        {"id": "K1", "type": "call", "occurredAt": "2026-02-11T09:30:00-08:00", "dialer": true, "participants": [{"phone": "+1 650 555 0000", "role": "caller"}, {"phone": "415-555-0100", "role": "callee", "region": "US"}], "crmRefs": [{"type": "deal", "id": "D1"}]}
        """;

    private static Activity Parsed(string line) => ActivityLineParser.Parse(line).Activity ?? throw new InvalidOperationException(ActivityLineParser.Parse(line).Problem);

    [Fact]
    public void The_formats_call_example_keeps_its_offset()
    {
        Assert.Equal(new DateTimeOffset(2026, 2, 11, 9, 30, 0, TimeSpan.FromHours(-8)), Parsed(CallExample).OccurredAt);
    }

    [Fact]
    public void The_formats_call_example_is_a_dialer_call_with_a_deal_ref()
    {
        Activity a = Parsed(CallExample);
        Assert.Equal((ActivityType.Call, true, new CrmRef(CrmRefType.Deal, "D1")), (a.Type, a.Dialer, Assert.Single(a.CrmRefs)));
    }

    [Fact]
    public void Participant_fields_are_carried_over()
    {
        Participant p = Parsed(CallExample).Participants[1];
        Assert.Equal(("415-555-0100", "callee", "US"), (p.Phone, p.Role, p.Region));
    }

    [Theory]
    [InlineData("internal", Affiliation.Internal)]
    [InlineData("External", Affiliation.External)]
    [InlineData("unknown", Affiliation.Unknown)]
    public void Affiliations_are_read(string text, Affiliation expected)
    {
        Activity a = Parsed($$"""{"id":"A","type":"meeting","occurredAt":"2026-01-01T00:00:00Z","participants":[{"email":"a@b.com","affiliation":"{{text}}"}]}""");
        Assert.Equal(expected, a.Participants[0].Affiliation);
    }

    [Fact]
    public void Unknown_fields_at_any_depth_are_ignored()
    {
        Activity a = Parsed("""{"id":"A","extra":{"deep":[1,{"x":null}]},"type":"email","occurredAt":"2026-01-01T00:00:00Z","participants":[{"email":"a@b.com","x":[1,2]}]}""");
        Assert.Equal("a@b.com", Assert.Single(a.Participants).Email);
    }

    [Fact]
    public void A_numeric_id_is_read_as_its_text()
    {
        Assert.Equal("12345", Parsed("""{"id":12345,"type":"email","occurredAt":"2026-01-01T00:00:00Z"}""").Id);
    }

    [Fact]
    public void Opportunity_is_accepted_as_a_deal_ref()
    {
        Activity a = Parsed("""{"id":"A","type":"email","occurredAt":"2026-01-01T00:00:00Z","crmRefs":[{"type":"opportunity","id":"D9"}]}""");
        Assert.Equal(CrmRefType.Deal, a.CrmRefs[0].Type);
    }

    [Theory]
    [InlineData("""{"type":"call","occurredAt":"2026-01-01T00:00:00Z"}""", "missing id")]
    [InlineData("""{"id":"A","occurredAt":"2026-01-01T00:00:00Z"}""", "missing type")]
    [InlineData("""{"id":"A","type":"fax","occurredAt":"2026-01-01T00:00:00Z"}""", "type 'fax'")]
    [InlineData("""{"id":"A","type":"call"}""", "missing occurredAt")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T10:00:00"}""", "with an offset")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"yesterday"}""", "not an ISO 8601 time")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","crmRefs":[{"type":"case","id":"X"}]}""", "crmRefs[0].type")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","participants":[{"email":"a@b.com","affiliation":"partner"}]}""", "affiliation 'partner'")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","participants":[null]}""", "participants[0] is null")]
    [InlineData("""{"id":"A","type":"call",""", "")]
    [InlineData("""[1,2,3]""", "")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","participants":{"email":"a@b.com"}}""", "participants must be a list")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","participants":[{"email":["a@b.com"]}]}""", "participants[0].email must be a string")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","dialer":"yes"}""", "dialer must be true or false")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z"} {"id":"B"}""", "after a single JSON value")]
    public void Malformed_lines_say_why(string line, string reason)
    {
        ActivityParse parse = ActivityLineParser.Parse(line);
        Assert.True(parse.IsMalformed && parse.Problem!.Contains(reason, StringComparison.Ordinal), parse.Problem);
    }

    [Theory]
    [InlineData("\"from\"", "from")]
    [InlineData("\"fr\\u006fm\"", "from")]
    [InlineData("\"Organizer\"", "Organizer")]
    [InlineData("\"required-attendee\"", "required-attendee")]
    [InlineData("42", "42")]
    [InlineData("null", null)]
    public void Roles_are_read_as_written_whether_common_or_not(string json, string? expected)
    {
        Activity a = Parsed($$"""{"id":"A","type":"email","occurredAt":"2026-01-01T00:00:00Z","participants":[{"email":"a@b.com","role":{{json}}}]}""");
        Assert.Equal(expected, a.Participants[0].Role);
    }

    [Theory]
    [InlineData("\"email\"", ActivityType.Email)]
    [InlineData("\" Meeting \"", ActivityType.Meeting)]
    [InlineData("\"CALL\"", ActivityType.Call)]
    [InlineData("\"engag\\u0065ment\"", ActivityType.Engagement)]
    public void Types_are_read_in_any_case_and_escaping(string json, ActivityType expected)
    {
        Assert.Equal(expected, Parsed($$"""{"id":"A","type":{{json}},"occurredAt":"2026-01-01T00:00:00Z"}""").Type);
    }

    [Theory]
    [InlineData("\"2026-03-01T10:00:00+02:00\"")]
    [InlineData("\" 2026-03-01T10:00:00+02:00 \"")]
    [InlineData("\"2026-03-01T10:00:00\\u002B02:00\"")]
    public void Times_are_read_however_the_string_is_written(string json)
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)), Parsed($$"""{"id":"A","type":"call","occurredAt":{{json}}}""").OccurredAt);
    }

    [Theory]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","type":"fax"}""", "type 'fax'")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","occurredAt":null}""", "missing occurredAt")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","participants":[{"email":"a@b.com"},{"role":["to"]}]}""", "participants[1].role must be a string")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","participants":[{"email":"a@b.com"},{"phone":{}}]}""", "participants[1].phone must be a string")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","participants":[{"email":"a@b.com"},7]}""", "participants[1] must be an object")]
    [InlineData("""{"id":"A","type":"call","occurredAt":"2026-01-01T00:00:00Z","participants":[{"email":"a@b.com","crmRefs":[{"type":"deal","id":"D1"},{"type":"deal","id":[1]}]}]}""", "participants[0].crmRefs[1].id must be a string")]
    public void A_later_field_or_participant_is_named_in_the_problem(string line, string reason)
    {
        ActivityParse parse = ActivityLineParser.Parse(line);
        Assert.True(parse.IsMalformed && parse.Problem!.Contains(reason, StringComparison.Ordinal), parse.Problem);
    }
}
