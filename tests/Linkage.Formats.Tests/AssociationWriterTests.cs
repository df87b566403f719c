using System.Text;
using System.Text.Json;
using Linkage.Core.Engine;
using Linkage.Formats.Canonical;

namespace Linkage.Formats.Tests;

public class AssociationWriterTests
{
    private static readonly AssociationResult Sample = new()
    {
        ActivityId = "E1",
        Status = AssociationStatus.Associated,
        Contacts = ["C1", "C2"],
        Accounts = ["A1"],
        Leads = [],
        Deals = ["D1"],
        Participants =
        [
            new ParticipantResult { Email = "rep@ourco.com", Class = ParticipantClass.Internal, UserId = "U1" },
            new ParticipantResult
            {
                Email = "bob@acme.com", Class = ParticipantClass.External, Rule = Rules.AccountDomain, ContactId = "C2",
                AccountId = "A1", MatchedOn = "host:acme.com", Ambiguous = true, Candidates = ["A7"], TieBreak = "owner-internal",
            },
        ],
        DealReasons = [new DealReason("D1", DealReasons.OpenAtTime, [NarrowingSteps.ContactRoles])],
        ExplicitRefs = [],
        Warnings = [],
    };

    private static string Line(AssociationResult r) => Encoding.UTF8.GetString(AssociationWriter.ToLine(r));

    [Fact]
    public void Writes_one_line_ending_in_a_newline()
    {
        string line = Line(Sample);
        Assert.Equal((1, true), (line.Count(c => c == '\n'), line.EndsWith('\n')));
    }

    [Fact]
    public void Starts_with_the_fields_of_formats_md_in_order()
    {
        Assert.StartsWith("""{"activityId":"E1","status":"associated","contacts":["C1","C2"],"accounts":["A1"],"leads":[],"deals":["D1"],"participants":[""", Line(Sample), StringComparison.Ordinal);
    }

    [Fact]
    public void An_internal_participant_shows_its_user_and_no_rule()
    {
        Assert.Contains("""{"email":"rep@ourco.com","class":"internal","userId":"U1"}""", Line(Sample), StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_participant_explains_its_match()
    {
        Assert.Contains("""{"email":"bob@acme.com","class":"external","rule":"account-domain","contactId":"C2","accountId":"A1","matchedOn":"host:acme.com","ambiguous":true,"candidates":["A7"],"tieBreak":"owner-internal"}""", Line(Sample), StringComparison.Ordinal);
    }

    [Fact]
    public void Deal_reasons_warnings_and_api_calls_close_the_line()
    {
        Assert.EndsWith("""
            "dealReasons":[{"dealId":"D1","reason":"open-at-time","narrowedBy":["useContactRoles"]}],"warnings":[],"crmApiCalls":0}

            """.Replace("\r", "", StringComparison.Ordinal), Line(Sample), StringComparison.Ordinal);
    }

    [Fact]
    public void Non_ascii_text_stays_readable_and_valid_json()
    {
        string line = Line(Sample with { ActivityId = "Ré-union \"Q1\"" });
        Assert.Equal("Ré-union \"Q1\"", JsonDocument.Parse(line).RootElement.GetProperty("activityId").GetString());
    }

    [Fact]
    public void The_same_result_gives_the_same_bytes()
    {
        Assert.Equal(AssociationWriter.ToLine(Sample), AssociationWriter.ToLine(Sample with { }));
    }

    [Fact]
    public void A_reused_line_writer_gives_the_bytes_of_a_fresh_one_line_after_line()
    {
        AssociationResult[] results =
        [
            Sample,
            Sample with { ActivityId = "Ré-union \"Q1\"", Status = AssociationStatus.Unmatched, Participants = [], DealReasons = [] },
            Sample with
            {
                ActivityId = "E3", Status = AssociationStatus.Internal, Contacts = [], Accounts = [], Deals = [],
                ExplicitRefs = [new ExplicitReference("deal", "D9", "activity", false)],
                Warnings = [new AssociationWarning("invalid-email", "participant 1: 'x' is not a valid email address")],
                CrmApiCalls = 2,
            },
            Sample,
        ];
        var reused = new System.Buffers.ArrayBufferWriter<byte>();
        using var lines = new AssociationWriter.Lines();
        foreach (AssociationResult r in results)
        {
            lines.Write(r, reused);
        }

        Assert.Equal(results.SelectMany(AssociationWriter.ToLine).ToArray(), reused.WrittenSpan.ToArray());
    }
}
