using System.Text.Json;
using System.Text.RegularExpressions;

namespace Linkage.Cli.Tests;

/// <summary>
/// The bundled samples end to end. samples/README.md states, per activity, the ids worked out by hand from
/// the spec; these tests hold the engine to that table.
/// </summary>
public sealed partial class SampleWorldTests
{
    private static readonly Lazy<Task<CliRun>> Run = new(() => CliRun.RunAsync(
        "associate",
        "--crm", RepositoryRoot.File("samples", "crm.json"),
        "--activities", RepositoryRoot.File("samples", "activities.jsonl"),
        "--settings", RepositoryRoot.File("samples", "settings.json"),
        "--strict"));

    public static TheoryData<string> ActivityIds => [.. Expectations().Keys];

    [Fact]
    public async Task The_sample_run_exits_0_with_one_line_per_activity()
    {
        CliRun run = await Run.Value;
        int activities = File.ReadLines(RepositoryRoot.File("samples", "activities.jsonl")).Count(l => l.Trim().Length > 0);
        Assert.Equal((0, activities), (run.ExitCode, run.OutputLines.Length));
    }

    [Theory]
    [MemberData(nameof(ActivityIds))]
    public async Task Each_sample_activity_gets_the_ids_the_samples_readme_derives(string activityId)
    {
        Dictionary<string, JsonElement> lines = await Lines();
        Assert.Equal(Expectations()[activityId], Describe(lines[activityId]));
    }

    [Theory]
    [InlineData("contact-email")]
    [InlineData("contact-email-subaddress")]
    [InlineData("contact-phone")]
    [InlineData("account-domain")]
    [InlineData("colleague-domain")]
    [InlineData("lead-email")]
    [InlineData("lead-email-subaddress")]
    [InlineData("lead-phone")]
    [InlineData("converted-lead")]
    [InlineData("none")]
    public async Task Every_rule_fires_on_the_samples(string rule)
    {
        Assert.Contains(rule, (await Lines()).Values.SelectMany(Participants).Select(p => p.TryGetProperty("rule", out JsonElement r) ? r.GetString() : null));
    }

    [Theory]
    [InlineData("internal")]
    [InlineData("spam")]
    [InlineData("automated")]
    [InlineData("invalid")]
    [InlineData("external")]
    public async Task Every_participant_class_occurs_on_the_samples(string cls)
    {
        Assert.Contains(cls, (await Lines()).Values.SelectMany(Participants).Select(p => p.GetProperty("class").GetString()));
    }

    [Theory]
    [InlineData("open-at-time")]
    [InlineData("opened-after")]
    [InlineData("closed-recently")]
    [InlineData("explicit")]
    public async Task Every_deal_reason_occurs_on_the_samples(string reason)
    {
        Assert.Contains(reason, (await Lines()).Values.SelectMany(l => l.GetProperty("dealReasons").EnumerateArray()).Select(d => d.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Ambiguous_matches_occur_on_the_samples_with_candidates()
    {
        Assert.Contains((await Lines()).Values.SelectMany(Participants), p => p.TryGetProperty("ambiguous", out JsonElement a) && a.GetBoolean() && p.GetProperty("candidates").GetArrayLength() > 0);
    }

    private static IEnumerable<JsonElement> Participants(JsonElement line) => line.GetProperty("participants").EnumerateArray();

    private static async Task<Dictionary<string, JsonElement>> Lines() =>
        (await Run.Value).OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("activityId").GetString()!);

    private static string Describe(JsonElement line)
    {
        string Ids(string name) => string.Join(",", line.GetProperty(name).EnumerateArray().Select(e => e.GetString()));
        string deals = string.Join(",", line.GetProperty("dealReasons").EnumerateArray()
            .Select(d => $"{d.GetProperty("dealId").GetString()}({d.GetProperty("reason").GetString()})"));
        return $"{line.GetProperty("status").GetString()} | {Ids("contacts")} | {Ids("accounts")} | {Ids("leads")} | {deals}";
    }

    /// <summary>Reads the expectation table of samples/README.md into the same shape as <see cref="Describe"/>.</summary>
    private static Dictionary<string, string> Expectations()
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string row in File.ReadLines(RepositoryRoot.File("samples", "README.md")))
        {
            Match m = TableRow().Match(row.Trim());
            if (!m.Success)
            {
                continue;
            }

            static string Ids(string cell) => string.Join(",", cell.Split(',').Select(s => s.Trim()).Where(s => s is not ("—" or "")).Order(StringComparer.Ordinal));
            string deals = string.Join(",", DealCell().Matches(m.Groups["deals"].Value).Select(d => $"{d.Groups[1].Value}({d.Groups[2].Value})").Order(StringComparer.Ordinal));
            expected[m.Groups["id"].Value] = $"{m.Groups["status"].Value} | {Ids(m.Groups["c"].Value)} | {Ids(m.Groups["a"].Value)} | {Ids(m.Groups["l"].Value)} | {deals}";
        }

        return expected;
    }

    [GeneratedRegex(@"^\| (?<id>[EKMS]\d{3}) \|.*\| (?<status>[a-z]+)[^|]*\| (?<c>[^|]*) \| (?<a>[^|]*) \| (?<l>[^|]*) \| (?<deals>[^|]*) \|$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"(\w+) \(([\w-]+)\)")]
    private static partial Regex DealCell();
}
