using Linkage.Formats.Sources;

namespace Linkage.Formats.Tests.Sources;

public class ActivityInputsTests
{
    private static readonly CalendarWindow January = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow);

    [Fact]
    public void A_folder_is_read_file_by_file_in_ordinal_order() =>
        Assert.Equal(["inbox.mbox", "proposal.eml"],
            ActivityInputs.Open([Fixture.Path("email")], null, January).Sources.Select(s => Path.GetFileName(s!.Path)));

    [Fact]
    public void Paths_are_read_in_the_order_given()
    {
        var inputs = ActivityInputs.Open([Fixture.Path("twilio", "call-log.csv"), Fixture.Path("email", "proposal.eml")], null, January);
        Assert.Equal(["call", "email"], inputs.Read().Select(i => i.Decode().Activity?.Type.ToString().ToLowerInvariant()).Where(t => t is not null).Distinct());
    }

    [Fact]
    public void A_file_of_unknown_format_in_a_folder_is_one_reported_item()
    {
        string file = Fixture.Temp("notes.txt", "just notes\n");
        SourceItem item = ActivityInputs.Open([Path.GetDirectoryName(file)!], null, January).Read().Single();
        Assert.Equal((true, true), (item.Location.IsWholeFile, item.Decode().Problem!.StartsWith("format not recognised", StringComparison.Ordinal)));
    }

    [Fact]
    public void Hidden_files_in_a_folder_are_left_out()
    {
        string file = Fixture.Temp(".DS_Store", [0, 0, 0, 1]);
        Assert.Empty(ActivityInputs.Open([Path.GetDirectoryName(file)!], null, January).Read());
    }

    [Fact]
    public void A_forced_format_overrides_detection()
    {
        string file = Fixture.Temp("calls.txt", File.ReadAllBytes(Fixture.Path("gong", "calls-extensive.json")));
        Assert.Equal(ActivityFormat.Gong, ActivityInputs.Open([file], ActivityFormat.Gong, January).Sources.Single()!.Format);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_an_input_error() =>
        Assert.Equal("file not found", Assert.Throws<InputException>(() => ActivityInputs.Open(["/nowhere/at/all.jsonl"], null, January)).Problem);

    [Fact]
    public void Progress_reaches_the_total_length_when_everything_is_read()
    {
        var inputs = ActivityInputs.Open([Fixture.Path("email"), Fixture.Path("twilio")], null, January);
        _ = inputs.Read().Count();
        Assert.Equal(inputs.Length, inputs.Position);
    }

    [Fact]
    public void Canonical_lines_keep_their_line_numbers()
    {
        string file = Fixture.Temp("a.jsonl", "\n" + """{"id":"E1","type":"email","occurredAt":"2026-02-10T15:00:00Z"}""" + "\nnot json\n");
        Assert.Equal(["line 2: ok", "line 3: bad"],
            ActivityInputs.Open([file], null, January).Read().Select(i => $"{i.Location.Unit} {i.Location.Number}: {(i.Decode().IsMalformed ? "bad" : "ok")}"));
    }
}
