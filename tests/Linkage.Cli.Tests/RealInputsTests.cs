using System.Text.Json;

namespace Linkage.Cli.Tests;

/// <summary>associate on vendor files: a Salesforce export with a mailbox and a calendar, end to end.</summary>
public sealed class RealInputsTests
{
    private static readonly Lazy<Task<CliRun>> SalesforceMailAndCalendar = new(() =>
    {
        string settings = Path.Combine(Path.GetTempPath(), $"linkage-settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(settings, WorkedExample.Settings);
        return CliRun.RunAsync(
            "associate", "--crm", Fixtures("salesforce"),
            "--activities", Fixtures("email", "inbox.mbox"), "--activities", Fixtures("calendar", "meetings.ics"),
            "--from", "2026-01-01", "--to", "2026-02-01", "--settings", settings);
    });

    public static string Fixtures(params string[] parts) => RepositoryRoot.File(["tests", "Linkage.Formats.Tests", "Fixtures", .. parts]);

    [Theory]
    [InlineData("m1@mail.ourco.com", "003Dn00000JaneDIAR|001Dn00000AcmeAIAR||006Dn00000ExpAnIAJ")]
    [InlineData("sha256-dcc70d721ca39145bbcac119c34768a5", "003Dn00000BobSmIAJ,003Dn00000JaneDIAR|001Dn00000AcmeAIAR,001Dn00000GlobXIAR|00QDn00000TomLdMAJ|006Dn00000ExpAnIAJ")]
    [InlineData("m4@mail.ourco.com", "003Dn00000BobSmIAJ|001Dn00000GlobXIAR||")]
    [InlineData("weekly-sync-acme@google.com@2026-01-05T17:00:00Z", "003Dn00000JaneDIAR|001Dn00000AcmeAIAR||006Dn00000ExpAnIAJ")]
    [InlineData("globex-demo-1@ourco.com", "003Dn00000BobSmIAJ|001Dn00000GlobXIAR||")]
    [InlineData("weekly-sync-acme@google.com@2026-01-19T17:00:00Z", "003Dn00000JaneDIAR|001Dn00000AcmeAIAR|00QDn00000TomLdMAJ|006Dn00000ExpAnIAJ")]
    public async Task A_salesforce_export_links_mail_and_meetings_to_18_character_ids(string activityId, string expected)
    {
        CliRun run = await SalesforceMailAndCalendar.Value;
        JsonElement line = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("activityId").GetString() == activityId);
        Assert.Equal(expected, string.Join("|", new[] { "contacts", "accounts", "leads", "deals" }.Select(n => Ids(line, n))));
    }

    [Fact]
    public async Task Mail_comes_first_then_the_calendar_in_input_order()
    {
        CliRun run = await SalesforceMailAndCalendar.Value;
        Assert.Equal(
            ["m1@mail.ourco.com", "sha256-dcc70d721ca39145bbcac119c34768a5", "m4@mail.ourco.com",
             "weekly-sync-acme@google.com@2026-01-05T17:00:00Z", "weekly-sync-acme@google.com@2026-01-12T17:00:00Z", "globex-demo-1@ourco.com",
             "weekly-sync-acme@google.com@2026-01-19T17:00:00Z", "weekly-sync-acme@google.com@2026-01-26T17:00:00Z"],
            run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("activityId").GetString()));
    }

    [Fact]
    public async Task The_broken_message_and_event_are_reported_and_counted()
    {
        CliRun run = await SalesforceMailAndCalendar.Value;
        Assert.Equal((true, true, true),
            (run.Stderr.Contains("inbox.mbox: message 2 (line 12): no Date header; message skipped", StringComparison.Ordinal),
             run.Stderr.Contains("meetings.ics: event 5: event no-start@ourco.com has no DTSTART; event skipped", StringComparison.Ordinal),
             System.Text.RegularExpressions.Regex.IsMatch(run.Stderr, @"malformed lines\s*│\s*2")));
    }

    [Fact]
    public async Task Skipped_crm_rows_are_named_and_counted_and_the_run_goes_on()
    {
        CliRun run = await SalesforceMailAndCalendar.Value;
        Assert.Equal((0, true, true),
            (run.ExitCode, run.Stderr.Contains("contacts.CSV: line 6: missing Id; line skipped", StringComparison.Ordinal),
             run.Stderr.Contains("2 CRM row(s) skipped", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Strict_counts_a_skipped_message_as_malformed()
    {
        CliRun run = await CliRun.RunAsync("associate", "--crm", Fixtures("salesforce"), "--activities", Fixtures("email", "inbox.mbox"), "--strict");
        Assert.Equal((1, 3), (run.ExitCode, run.OutputLines.Length));
    }

    [Fact]
    public async Task A_hubspot_export_links_a_gong_call_by_email_and_a_twilio_call_by_phone()
    {
        CliRun run = await CliRun.RunAsync("associate", "--crm", Fixtures("hubspot"),
            "--activities", Fixtures("gong", "calls-extensive.json"), Fixtures("twilio", "call-log.csv"));
        var contacts = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("activityId").GetString()!, e => Ids(e, "contacts").Split(','));
        Assert.Equal((true, true), (contacts["7782342274025937895"].Contains("101"), contacts["CA5a0f3b8e2c9d4e1f6a7b8c9d0e1f2a3b"].Contains("101")));
    }

    [Fact]
    public async Task An_unknown_format_name_is_a_command_line_error()
    {
        CliRun run = await CliRun.RunAsync("associate", "--crm", Fixtures("salesforce"), "--activities", Fixtures("email"), "--activities-format", "pst");
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task A_bad_from_time_is_exit_2_naming_the_option()
    {
        CliRun run = await CliRun.RunAsync("associate", "--crm", Fixtures("salesforce"), "--activities", Fixtures("calendar"), "--from", "soon");
        Assert.Equal((2, true), (run.ExitCode, run.Stderr.Contains("--from: 'soon' is not a date or time", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_crm_export_missing_a_required_header_is_exit_2_with_no_stack_trace()
    {
        using var world = new TempWorld();
        world.Write("Contact.csv", "Name,Email\nJane,jane@acme.com\n");
        CliRun run = await CliRun.RunAsync("associate", "--crm", world.Root, "--activities", Fixtures("email"));
        Assert.Equal((2, true, false), (run.ExitCode, run.Stderr.Contains("Contact.csv: line 1: missing header 'Id'", StringComparison.Ordinal), run.Stderr.Contains("   at ", StringComparison.Ordinal)));
    }

    private static string Ids(JsonElement line, string name) =>
        string.Join(",", line.GetProperty(name).EnumerateArray().Select(e => e.GetString()));
}
