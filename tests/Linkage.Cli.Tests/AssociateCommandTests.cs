using System.Text.Json;

namespace Linkage.Cli.Tests;

public sealed class AssociateCommandTests : IDisposable
{
    private readonly TempWorld _world = new();
    private readonly string _crm;
    private readonly string _settings;

    public AssociateCommandTests()
    {
        _crm = _world.Write("crm.json", WorkedExample.Crm);
        _settings = _world.Write("settings.json", WorkedExample.Settings);
    }

    public void Dispose() => _world.Dispose();

    private string Activities(params string[] lines) => _world.Write("activities.jsonl", string.Join("\n", lines) + "\n");

    private Task<CliRun> Associate(string activities, params string[] extra) =>
        CliRun.RunAsync(["associate", "--crm", _crm, "--activities", activities, "--settings", _settings, .. extra]);

    [Fact]
    public async Task Writes_one_line_per_activity_to_standard_output()
    {
        CliRun run = await Associate(Activities(
            WorkedExample.Activity("E1", "2026-02-10", "jane@acme.com"),
            WorkedExample.Activity("E2", "2026-02-10", "tom@initech.com")));
        Assert.Equal(["E1", "E2"], run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("activityId").GetString()));
    }

    [Fact]
    public async Task Many_batches_come_out_in_input_order_with_malformed_lines_counted_where_they_were()
    {
        // Several thousand lines span batches that the workers finish in any order; output keeps the input's.
        string[] lines = [.. Enumerable.Range(0, 5000).Select(i => i % 997 == 500
            ? "not json at all"
            : WorkedExample.Activity($"E{i}", "2026-02-10", i % 2 == 0 ? "jane@acme.com" : "tom@initech.com"))];
        CliRun run = await Associate(Activities(lines));
        string[] expected = [.. Enumerable.Range(0, 5000).Where(i => i % 997 != 500).Select(i => $"E{i}")];
        Assert.Equal(expected, run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("activityId").GetString()));
    }

    [Fact]
    public async Task Malformed_lines_of_many_batches_are_each_reported_in_order()
    {
        string[] lines = [.. Enumerable.Range(0, 5000).Select(i => i % 997 == 500
            ? "not json at all"
            : WorkedExample.Activity($"E{i}", "2026-02-10", "jane@acme.com"))];
        CliRun run = await Associate(Activities(lines));
        int[] reported = [.. System.Text.RegularExpressions.Regex.Matches(run.Stderr, @"activities\.jsonl: line (\d+):").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal([501, 1498, 2495, 3492, 4489], reported);
    }

    [Fact]
    public async Task The_worked_example_links_jane_to_her_contact_account_and_deals()
    {
        CliRun run = await Associate(Activities(WorkedExample.Activity("E1", "2026-02-10", "Jane@ACME.com")));
        JsonElement line = JsonDocument.Parse(run.OutputLines[0]).RootElement;
        Assert.Equal("C1|A1|D1,D2", $"{Ids(line, "contacts")}|{Ids(line, "accounts")}|{Ids(line, "deals")}");
    }

    [Fact]
    public async Task A_malformed_line_in_the_middle_is_reported_with_its_number_and_skipped()
    {
        CliRun run = await Associate(Activities(
            WorkedExample.Activity("E1", "2026-02-10", "jane@acme.com"),
            """{"id":"E2","type":"email","occurredAt":"2026-02-10T15:00:00Z",""",
            WorkedExample.Activity("E3", "2026-02-10", "bob@acme.com")));
        Assert.Contains("activities.jsonl: line 2:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lines_after_a_malformed_one_are_still_associated()
    {
        CliRun run = await Associate(Activities(
            WorkedExample.Activity("E1", "2026-02-10", "jane@acme.com"),
            "not json at all",
            WorkedExample.Activity("E3", "2026-02-10", "bob@acme.com")));
        Assert.Equal((0, 2), (run.ExitCode, run.OutputLines.Length));
    }

    [Fact]
    public async Task The_summary_counts_malformed_lines()
    {
        CliRun run = await Associate(Activities("nope", WorkedExample.Activity("E1", "2026-02-10", "jane@acme.com"), "{}"));
        Assert.Matches(@"malformed lines\s*│\s*2", run.Stderr);
    }

    [Fact]
    public async Task The_summary_counts_statuses_and_rules()
    {
        CliRun run = await Associate(Activities(
            WorkedExample.Activity("E1", "2026-02-10", "jane@acme.com"),
            WorkedExample.Activity("E2", "2026-02-10", "pat@gmail.com")));
        Assert.Matches(@"rule contact-email\s*│\s*1[\s\S]*rule none\s*│\s*1", run.Stderr.Replace("status", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Strict_turns_a_malformed_line_into_exit_code_1()
    {
        CliRun run = await Associate(Activities(WorkedExample.Activity("E1", "2026-02-10", "jane@acme.com"), "{oops"), "--strict");
        Assert.Equal((1, 1), (run.ExitCode, run.OutputLines.Length));
    }

    [Fact]
    public async Task Strict_on_clean_input_exits_0()
    {
        CliRun run = await Associate(Activities(WorkedExample.Activity("E1", "2026-02-10", "jane@acme.com")), "--strict");
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task A_broken_crm_file_is_exit_2_naming_file_and_place()
    {
        string crm = _world.Write("broken-crm.json", "{\"contacts\": [\n  {\"id\": \"C1\" \"emails\": []}\n]}");
        CliRun run = await CliRun.RunAsync("associate", "--crm", crm, "--activities", Activities("{}"));
        Assert.Equal((2, true, true), (run.ExitCode, run.Stderr.Contains("broken-crm.json: line 2", StringComparison.Ordinal), run.Stdout.Length == 0));
    }

    [Fact]
    public async Task A_broken_crm_file_shows_no_stack_trace()
    {
        string crm = _world.Write("broken-crm.json", "{\"contacts\": 42}");
        CliRun run = await CliRun.RunAsync("associate", "--crm", crm, "--activities", Activities("{}"));
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_settings_file_is_exit_2_naming_the_field()
    {
        string settings = _world.Write("bad-settings.json", """{"dealWindowDays": -3}""");
        CliRun run = await CliRun.RunAsync("associate", "--crm", _crm, "--activities", Activities("{}"), "--settings", settings);
        Assert.Equal((2, true), (run.ExitCode, run.Stderr.Contains("bad-settings.json: $.dealWindowDays", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_missing_activities_file_is_exit_2()
    {
        CliRun run = await Associate(Path.Combine(_world.Root, "nowhere.jsonl"));
        Assert.Equal((2, true), (run.ExitCode, run.Stderr.Contains("nowhere.jsonl: file not found", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_folder_given_as_the_crm_file_is_a_sentence_not_a_stack_trace()
    {
        CliRun run = await CliRun.RunAsync("associate", "--crm", _world.Root, "--crm-format", "canonical", "--activities", Activities("{}"));
        Assert.True(run.ExitCode != 0 && !run.Stderr.Contains("   at ", StringComparison.Ordinal), run.Stderr);
    }

    [Fact]
    public async Task A_missing_required_option_is_exit_2()
    {
        CliRun run = await CliRun.RunAsync("associate", "--activities", "x.jsonl");
        Assert.Equal((2, true), (run.ExitCode, run.Stderr.Contains("--crm", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Out_writes_the_same_bytes_as_standard_output()
    {
        string activities = Activities(WorkedExample.Activity("E1", "2026-02-10", "jane@acme.com"), WorkedExample.Activity("E2", "2026-02-20", "sam@hooli.io"));
        string outPath = Path.Combine(_world.Root, "out.jsonl");
        CliRun toStdout = await Associate(activities);
        CliRun toFile = await Associate(activities, "--out", outPath);
        Assert.Equal((toStdout.Stdout, ""), (await File.ReadAllTextAsync(outPath), toFile.Stdout));
    }

    [Fact]
    public async Task Two_runs_give_byte_identical_output()
    {
        string[] lines = [.. Enumerable.Range(0, 20_000).Select(i => WorkedExample.Activity($"E{i}", "2026-02-10", i % 3 == 0 ? "bob@acme.com" : "zed@sales.acme.com"))];
        string activities = Activities(lines);
        Assert.Equal((await Associate(activities)).Stdout, (await Associate(activities)).Stdout);
    }

    private static string Ids(JsonElement line, string name) =>
        string.Join(",", line.GetProperty(name).EnumerateArray().Select(e => e.GetString()));
}
