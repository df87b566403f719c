namespace Linkage.Cli.Tests;

/// <summary>Bad input to the cluster commands gets a sentence and exit code 2, never a stack trace.</summary>
public sealed class ClusterCommandTests
{
    // Nothing listens on port 1: connecting fails at once.
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=linkage;Password=x;Database=none;Timeout=3";

    [Fact]
    public async Task Serve_with_a_cluster_that_is_not_postgresql_says_what_it_takes()
    {
        CliRun run = await CliRun.RunAsync("serve", "--cluster", "linkage.db");
        Assert.Equal((2, true), (run.ExitCode, run.Stderr.Contains("--cluster takes a PostgreSQL connection string", StringComparison.Ordinal)));
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_a_cluster_and_a_sqlite_store_refuses_to_share_a_file()
    {
        CliRun run = await CliRun.RunAsync("serve", "--cluster", Unreachable, "--db", "linkage.db");
        Assert.Equal((2, true), (run.ExitCode, run.Stderr.Contains("share one store", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Serve_with_an_advertised_address_that_is_not_an_ip_is_refused()
    {
        CliRun run = await CliRun.RunAsync("serve", "--cluster", Unreachable, "--advertise", "silo-one");
        Assert.Equal((2, true), (run.ExitCode, run.Stderr.Contains("--advertise takes an IP address", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Backfill_against_an_unreachable_postgresql_says_so()
    {
        CliRun run = await CliRun.RunAsync("backfill", "--workspace", "acme", "--cluster", Unreachable);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("linkage: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_needs_a_workspace_and_a_cluster()
    {
        CliRun run = await CliRun.RunAsync("backfill");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--workspace", run.Stderr, StringComparison.Ordinal);
    }
}
