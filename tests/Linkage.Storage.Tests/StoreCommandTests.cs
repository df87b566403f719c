using System.Text;
using Linkage.Cli;

namespace Linkage.Storage.Tests;

/// <summary>The store commands, run in-process on the bundled sample world.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linkage-cli-").FullName;

    private string Db => Path.Combine(_dir, "linkage.db");

    private static string Sample(string name)
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "samples", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    private static async Task<(int Code, string Out, string Err)> Linkage(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        int code = await LinkageCommand.RunAsync(args, stdout, stderr, stderrIsRedirected: true);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    private async Task Load()
    {
        Assert.Equal(0, (await Linkage("import", "crm", Sample("crm.json"), "--settings", Sample("settings.json"), "--db", Db)).Code);
        Assert.Equal(0, (await Linkage("import", "activities", Sample("activities.jsonl"), "--db", Db)).Code);
        Assert.Equal(0, (await Linkage("associate", "--db", Db)).Code);
    }

    [Fact]
    public async Task The_store_workflow_exports_what_associate_on_files_writes()
    {
        await Load();
        var export = await Linkage("export", "--db", Db);
        var files = await Linkage("associate", "--crm", Sample("crm.json"), "--settings", Sample("settings.json"), "--activities", Sample("activities.jsonl"));
        Assert.Equal(0, export.Code);
        Assert.Equal(files.Out, export.Out);
        Assert.Contains("69 associations exported", export.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_again_is_idempotent_and_associate_then_has_nothing_to_do()
    {
        await Load();
        var crm = await Linkage("import", "crm", Sample("crm.json"), "--db", Db, "--replace");
        var activities = await Linkage("import", "activities", Sample("activities.jsonl"), "--db", Db);
        var associate = await Linkage("associate", "--db", Db);
        Assert.Contains("0 added, 0 changed, 191 unchanged, 0 deleted; 0 activities queued", crm.Err, StringComparison.Ordinal);
        Assert.Contains("0 added, 0 changed, 69 unchanged", activities.Err, StringComparison.Ordinal);
        Assert.Contains("0 activities associated", associate.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_explains_participants_rules_keys_and_deals_in_plain_text()
    {
        await Load();
        var show = await Linkage("show", "E003", "--db", Db);
        Assert.Equal(0, show.Code);
        Assert.Contains("Activity E003", show.Out, StringComparison.Ordinal);
        Assert.Contains("internal, CRM user U1", show.Out, StringComparison.Ordinal);
        Assert.Contains("rule contact-email-subaddress, matched on email:jane.doe@acme-robotics.com", show.Out, StringComparison.Ordinal);
        Assert.Contains("-> contact C001, account A01", show.Out, StringComparison.Ordinal);
        Assert.Contains("D02: open-at-time", show.Out, StringComparison.Ordinal);
        Assert.Contains("new activity: contacts +C001", show.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("{", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pin_and_unpin_change_the_export_and_the_history()
    {
        await Load();
        Assert.Equal(0, (await Linkage("pin", "E003", "--contact", "C002", "--deal", "D01", "--db", Db)).Code);
        Assert.Equal(0, (await Linkage("associate", "--db", Db)).Code);
        string pinned = (await Linkage("export", "--db", Db)).Out.Split('\n').Single(l => l.Contains("\"E003\"", StringComparison.Ordinal));
        Assert.StartsWith("{\"activityId\":\"E003\",\"status\":\"associated\",\"manual\":true,\"contacts\":[\"C002\"],\"accounts\":[],\"leads\":[],\"deals\":[\"D01\"]",
            pinned, StringComparison.Ordinal);
        Assert.Contains("Pinned by hand", (await Linkage("show", "E003", "--db", Db)).Out, StringComparison.Ordinal);
        Assert.Equal(0, (await Linkage("unpin", "E003", "--db", Db)).Code);
        string unpinned = (await Linkage("export", "--db", Db)).Out;
        Assert.DoesNotContain("\"manual\"", unpinned, StringComparison.Ordinal);
        Assert.Contains("unpinned by hand", (await Linkage("show", "E003", "--db", Db)).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workspaces_keep_their_own_data()
    {
        await Load();
        Assert.Equal(0, (await Linkage("import", "activities", Sample("activities.jsonl"), "--db", Db, "--workspace", "acme")).Code);
        Assert.Equal(0, (await Linkage("associate", "--db", Db, "--workspace", "acme")).Code);
        string acme = (await Linkage("export", "--db", Db, "--workspace", "acme")).Out;
        Assert.DoesNotContain("C001", acme, StringComparison.Ordinal);
        Assert.Contains("C001", (await Linkage("export", "--db", Db)).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("there is no store at", "export", "--db", "{dir}/missing.db")]
    [InlineData("the folder", "import", "crm", "{crm}", "--db", "{dir}/no/such/folder/l.db")]
    [InlineData("not found", "import", "crm", "{dir}/missing.json", "--db", "{db}")]
    [InlineData("has no activity 'NOPE'", "show", "NOPE", "--db", "{db}")]
    [InlineData("has no activity 'NOPE'", "pin", "NOPE", "--contact", "C1", "--db", "{db}")]
    [InlineData("at least one of --contact", "pin", "E003", "--db", "{db}")]
    [InlineData("not both", "associate", "--db", "{db}", "--crm", "{crm}")]
    [InlineData("has no workspace 'nope'", "export", "--db", "{db}", "--workspace", "nope")]
    [InlineData("cannot open the store PostgreSQL", "export", "--db", "Host=127.0.0.1;Port=1;Username=u;Password=secret;Timeout=2")]
    public async Task Bad_input_is_exit_2_with_a_sentence_and_no_stack_trace(string expected, params string[] args)
    {
        await Load();
        string[] resolved = [.. args.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal).Replace("{db}", Db, StringComparison.Ordinal)
            .Replace("{crm}", Sample("crm.json"), StringComparison.Ordinal))];
        var run = await Linkage(resolved);
        Assert.Equal(2, run.Code);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", run.Err, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
