using System.Text.Json;
using Linkage.Crm.Tests.Support;

namespace Linkage.Cli.Tests;

/// <summary><c>associate</c> with a CRM API configured: dialer calls' unknown numbers are looked up, and the calls reported.</summary>
public sealed class CrmApiCommandTests : IDisposable
{
    private const string HubSpotContact = """
        {"total":1,"results":[{"id":"51","properties":{"associatedcompanyid":"A3","email":"dana@hooli.io",
          "lastmodifieddate":"2026-01-02T10:00:00.000Z","mobilephone":null,"phone":"+14155550199"}}]}
        """;

    private readonly TempWorld _world = new();

    private static string DialerCall(string id, string phone) =>
        $$"""{"id":"{{id}}","type":"call","dialer":true,"occurredAt":"2026-02-10T15:00:00Z","participants":[{"email":"rep@ourco.com","role":"caller"},{"phone":"{{phone}}","role":"callee"}]}""";

    private Dictionary<string, string> Environment(FakeCrmServer server) => new()
    {
        ["LINKAGE_CRM_API"] = "hubspot",
        ["LINKAGE_CRM_URL"] = server.BaseUrl.ToString(),
        ["LINKAGE_CRM_TOKEN"] = "pat-test",
        ["LINKAGE_CRM_LEDGER"] = Path.Combine(_world.Root, "ledger.db"),
    };

    private Task<CliRun> Associate(Dictionary<string, string> environment, string settings, params string[] activityLines) =>
        CliRun.RunWithEnvironmentAsync(environment, "associate",
            "--crm", _world.Write("crm.json", WorkedExample.Crm),
            "--settings", _world.Write("settings.json", settings),
            "--activities", _world.Write($"calls-{Guid.NewGuid():N}.jsonl", string.Join('\n', activityLines)));

    [Fact]
    public async Task A_dialer_calls_unknown_number_is_linked_through_the_crm_api()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(HubSpotContact));
        CliRun run = await Associate(Environment(server), WorkedExample.Settings, DialerCall("K1", "+1 415 555 0199"));
        using JsonDocument line = JsonDocument.Parse(run.OutputLines.Single());
        Assert.Equal((0, "51", 1), (run.ExitCode, line.RootElement.GetProperty("contacts")[0].GetString(), line.RootElement.GetProperty("crmApiCalls").GetInt32()));
    }

    [Fact]
    public async Task The_summary_reports_the_api_calls_spent()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(HubSpotContact));
        CliRun run = await Associate(Environment(server), WorkedExample.Settings, DialerCall("K1", "+1 415 555 0199"), DialerCall("K2", "+1 415 555 0199"));
        string plain = System.Text.RegularExpressions.Regex.Replace(run.Stderr, "\u001b\\[[0-9;]*m", "");
        Assert.Matches(@"CRM API calls\s*│\s*1\s*│", plain);
    }

    [Fact]
    public async Task The_days_budget_holds_across_runs()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json("""{"total":0,"results":[]}"""));
        Dictionary<string, string> environment = Environment(server);
        const string settings = """{"companyDomains":["ourco.com"],"crmApiDailyBudget":1}""";
        await Associate(environment, settings, DialerCall("K1", "+1 415 555 0101"));
        CliRun second = await Associate(environment, settings, DialerCall("K2", "+1 415 555 0102"));
        using JsonDocument line = JsonDocument.Parse(second.OutputLines.Single());
        Assert.Equal((1, "quota-exhausted"), (server.Requests, line.RootElement.GetProperty("participants")[1].GetProperty("lookup").GetString()));
    }

    [Fact]
    public async Task A_number_nobody_had_is_not_asked_again_by_the_next_run()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json("""{"total":0,"results":[]}"""));
        Dictionary<string, string> environment = Environment(server);
        await Associate(environment, WorkedExample.Settings, DialerCall("K1", "+1 415 555 0101"));
        await Associate(environment, WorkedExample.Settings, DialerCall("K2", "+1 415 555 0101"));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task A_refused_token_is_one_message_and_the_run_completes()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(new Reply(401, """{"message":"bad token"}"""));
        CliRun run = await Associate(Environment(server), WorkedExample.Settings, DialerCall("K1", "+1 415 555 0101"), DialerCall("K2", "+1 415 555 0102"));
        Assert.Equal((0, 2, 1), (run.ExitCode, run.OutputLines.Length, run.Stderr.Split('\n').Count(l => l.StartsWith("linkage: CRM look-up crm-auth-failed", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task The_store_run_looks_numbers_up_and_keeps_what_it_found()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(HubSpotContact));
        Dictionary<string, string> environment = Environment(server);
        string db = Path.Combine(_world.Root, "store.db");
        await CliRun.RunAsync("import", "crm", _world.Write("crm.json", WorkedExample.Crm), "--settings", _world.Write("settings.json", WorkedExample.Settings), "--db", db);
        await CliRun.RunAsync("import", "activities", _world.Write("calls.jsonl", DialerCall("K1", "+1 415 555 0199") + "\n" + DialerCall("K2", "(415) 555-0199")), "--db", db);
        CliRun associate = await CliRun.RunWithEnvironmentAsync(environment, "associate", "--db", db);
        CliRun export = await CliRun.RunAsync("export", "--db", db);
        int[] calls = [.. export.OutputLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("crmApiCalls").GetInt32())];
        Assert.Equal((0, 1, 1, true), (associate.ExitCode, server.Requests, calls.Sum(), associate.Stderr.Contains("1 CRM API calls", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("hubspot", null, "LINKAGE_CRM_TOKEN is not set")]
    [InlineData("salesforce", "t", "set LINKAGE_CRM_URL")]
    [InlineData("pipedrive", "t", "use salesforce or hubspot")]
    public async Task A_half_configured_crm_api_is_exit_2_naming_what_is_missing(string api, string? token, string message)
    {
        var environment = new Dictionary<string, string> { ["LINKAGE_CRM_API"] = api };
        if (token is not null)
        {
            environment["LINKAGE_CRM_TOKEN"] = token;
        }

        CliRun run = await Associate(environment, WorkedExample.Settings, DialerCall("K1", "+1 415 555 0101"));
        Assert.Equal((2, true), (run.ExitCode, run.Stderr.Contains(message, StringComparison.Ordinal)));
    }

    public void Dispose() => _world.Dispose();
}
