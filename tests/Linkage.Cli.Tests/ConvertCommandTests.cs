using System.Text.Json;

namespace Linkage.Cli.Tests;

public sealed class ConvertCommandTests
{
    [Fact]
    public async Task A_salesforce_export_converts_to_a_canonical_snapshot()
    {
        CliRun run = await CliRun.RunAsync("convert", "--crm", RealInputsTests.Fixtures("salesforce"));
        JsonElement doc = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal((0, "003Dn00000JaneDIAR", "001Dn00000AcmeAIAR"),
            (run.ExitCode, doc.GetProperty("contacts")[0].GetProperty("id").GetString(), doc.GetProperty("contacts")[0].GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task Activities_convert_to_canonical_lines_that_associate_reads_back()
    {
        using var world = new TempWorld();
        string lines = Path.Combine(world.Root, "activities.jsonl");
        CliRun convert = await CliRun.RunAsync("convert", "--activities", RealInputsTests.Fixtures("gong"), RealInputsTests.Fixtures("twilio"), "--out", lines);
        CliRun associate = await CliRun.RunAsync("associate", "--crm", RealInputsTests.Fixtures("hubspot"), "--activities", lines, "--strict");
        Assert.Equal((0, 0, 4), (convert.ExitCode, associate.ExitCode, associate.OutputLines.Length));
    }

    [Fact]
    public async Task Converted_crm_json_reads_back_as_the_same_snapshot()
    {
        using var world = new TempWorld();
        string json = Path.Combine(world.Root, "crm.json");
        await CliRun.RunAsync("convert", "--crm", RealInputsTests.Fixtures("hubspot"), "--out", json);
        CliRun again = await CliRun.RunAsync("convert", "--crm", json);
        Assert.Equal(await File.ReadAllTextAsync(json), again.Stdout);
    }

    [Fact]
    public async Task Skipped_items_are_reported_and_summed_up()
    {
        CliRun run = await CliRun.RunAsync("convert", "--activities", RealInputsTests.Fixtures("email"));
        Assert.Equal((4, true), (run.OutputLines.Length, run.Stderr.Contains("4 activities written, 1 skipped", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData]
    [InlineData("--crm", "x", "--activities", "y")]
    public async Task Convert_takes_exactly_one_of_crm_or_activities(params string[] args)
    {
        CliRun run = await CliRun.RunAsync(["convert", .. args]);
        Assert.Equal(2, run.ExitCode);
    }
}
