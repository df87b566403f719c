using Linkage.Formats.Sources;

namespace Linkage.Formats.Tests.Sources;

public class ActivityFormatDetectorTests
{
    [Theory]
    [InlineData("gong/calls-extensive.json", ActivityFormat.Gong)]
    [InlineData("email/proposal.eml", ActivityFormat.Eml)]
    [InlineData("email/inbox.mbox", ActivityFormat.Mbox)]
    [InlineData("calendar/meetings.ics", ActivityFormat.Ics)]
    [InlineData("twilio/call-log.csv", ActivityFormat.Twilio)]
    public void Each_fixture_is_detected_by_its_extension(string file, ActivityFormat expected) =>
        Assert.Equal(expected, ActivityFormatDetector.Detect(Fixture.Path(file.Split('/'))));

    [Theory]
    [InlineData("gong/calls-extensive.json", ActivityFormat.Gong)]
    [InlineData("email/proposal.eml", ActivityFormat.Eml)]
    [InlineData("email/inbox.mbox", ActivityFormat.Mbox)]
    [InlineData("calendar/meetings.ics", ActivityFormat.Ics)]
    [InlineData("twilio/call-log.csv", ActivityFormat.Twilio)]
    public void Each_fixture_is_detected_by_its_content_without_an_extension(string file, ActivityFormat expected) =>
        Assert.Equal(expected, ActivityFormatDetector.Detect(Fixture.Temp("export", File.ReadAllBytes(Fixture.Path(file.Split('/'))))));

    [Theory]
    [InlineData("a.jsonl")]
    [InlineData("a.json")]
    [InlineData("a")]
    public void Canonical_activity_lines_are_detected_by_extension_or_content(string name) =>
        Assert.Equal(ActivityFormat.Canonical, ActivityFormatDetector.Detect(Fixture.Temp(name, """{"id":"E1","type":"email","occurredAt":"2026-02-10T15:00:00Z","participants":[]}""" + "\n")));

    [Theory]
    [InlineData("notes.txt", "just some notes\n")]
    [InlineData("accounts.csv", "Id,Name\n1,Acme\n")]
    public void A_file_of_no_known_format_is_not_detected(string name, string content) =>
        Assert.Null(ActivityFormatDetector.Detect(Fixture.Temp(name, content)));
}
