using System.CommandLine;
using System.Globalization;
using Linkage.Cluster.Backfill;
using Linkage.Cluster.Hosting;
using Linkage.Storage;

namespace Linkage.Cli;

/// <summary>
/// <c>linkage backfill --workspace W --cluster CONNECTION</c>: associates everything queued in a workspace
/// (activities imported with <c>linkage import activities</c>, or queued by CRM changes) on every silo of a
/// running cluster, showing progress until the queue is empty.
/// </summary>
internal static class BackfillCommand
{
    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var workspace = new Option<string>("--workspace") { Description = "The workspace to backfill.", Required = true };
        var cluster = new Option<string>("--cluster")
        {
            Description = "The cluster: the PostgreSQL connection string its silos were started with ('serve --cluster').",
            Required = true,
        };
        var size = new Option<int>("--partition-size") { Description = "Activities per range of work.", DefaultValueFactory = _ => 5_000 };
        var parallel = new Option<int>("--parallel") { Description = "Ranges in flight at once across the cluster.", DefaultValueFactory = _ => 8 };
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up (exit 70) after this long.", DefaultValueFactory = _ => 24 * 60 };
        var command = new Command("backfill", "Associate a workspace's queued activities on every silo of a cluster.") { workspace, cluster, size, parallel, timeout };
        command.SetAction(async (parse, cancel) =>
        {
            string connection = parse.GetRequiredValue(cluster);
            string ws = parse.GetRequiredValue(workspace);
            if (!LinkageStore.IsPostgres(connection))
            {
                await stderr.WriteLineAsync("linkage: --cluster takes a PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…)").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(size) < 1 || parse.GetValue(parallel) < 1 || parse.GetValue(timeout) < 1)
            {
                await stderr.WriteLineAsync("linkage: --partition-size, --parallel and --timeout-minutes must be at least 1").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            try
            {
                using (ILinkageStore store = LinkageStore.Open(connection, create: false))
                {
                    if (!store.Workspaces().Contains(ws, StringComparer.Ordinal))
                    {
                        await stderr.WriteLineAsync($"linkage: the store has no workspace '{ws}'").ConfigureAwait(false);
                        return ExitCodes.BadInput;
                    }
                }

                await using ClusterClient client = await ClusterClient.ConnectAsync(new LinkageClusterOptions { Connection = connection }, cancel).ConfigureAwait(false);
                string last = "";
                BackfillStatus done = await BackfillRunner.RunAsync(client.Client, ws, parse.GetValue(size), parse.GetValue(parallel), status =>
                {
                    string line = Describe(status);
                    if (line != last)
                    {
                        stderr.WriteLine($"backfill: {line}");
                        last = line;
                    }
                }, TimeSpan.FromMinutes(parse.GetValue(timeout)), cancel).ConfigureAwait(false);
                if (done.State == BackfillState.Failed)
                {
                    await stderr.WriteLineAsync($"linkage: the backfill failed: {done.Error}").ConfigureAwait(false);
                    return ExitCodes.InternalError;
                }

                await using var writer = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), 1 << 12, leaveOpen: true);
                await writer.WriteLineAsync($"backfilled workspace '{ws}': {Describe(done)}").ConfigureAwait(false);
                foreach ((string silo, long n) in done.PerSilo.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  silo {silo}: {n:N0} activities")).ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }
            catch (StoreException ex)
            {
                await stderr.WriteLineAsync($"linkage: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (Npgsql.NpgsqlException ex)
            {
                await stderr.WriteLineAsync($"linkage: cannot reach the cluster's PostgreSQL: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                await stderr.WriteLineAsync($"linkage: the cluster did not answer ({ex.Message}); are its silos running ('linkage serve --cluster …')?").ConfigureAwait(false);
                return ExitCodes.InternalError;
            }
        });
        return command;
    }

    private static string Describe(BackfillStatus s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.PartitionsDone:N0} of {s.Partitions:N0} ranges, {s.Associated:N0} activities associated ({s.Changed:N0} changed) on {s.PerSilo.Count} silo(s), {s.Seconds:0.0} s{(s.Retries > 0 ? $", {s.Retries} range(s) retried" : "")}; coordinator {s.Coordinator}");
}
