using System.CommandLine;
using System.Net.Sockets;
using Linkage.Core.Model;
using Linkage.Cluster.Hosting;
using Linkage.Formats.Canonical;
using Linkage.Server;
using Linkage.Server.Hosting;
using Linkage.Storage;
using Microsoft.Extensions.Hosting;

namespace Linkage.Cli;

/// <summary>
/// <c>linkage serve [--db …] [--urls …]</c>: the HTTP API and the page over a store. With <c>--samples</c> it
/// first imports the bundled sample world into a throw-away store (or the <c>--db</c> given) and prints a key,
/// so one command shows the product.
/// </summary>
internal static class ServeCommand
{
    public const string SamplesWorkspace = "samples";

    public static Command Create(TextWriter stderr)
    {
        var db = new Option<string?>("--db") { Description = "The store: a SQLite file (./linkage.db when absent) or a PostgreSQL connection string." };
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var samples = new Option<bool>("--samples") { Description = "Import the bundled samples (samples/) into a throw-away store, or into --db, and print an API key for them." };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body (413 beyond).", DefaultValueFactory = _ => 32L * 1024 * 1024 };
        var maxBatch = new Option<int>("--max-batch") { Description = "Most activities or records per request (400 beyond).", DefaultValueFactory = _ => 10_000 };
        var rate = new Option<int>("--rate-limit") { Description = "Requests per second per API key (429 beyond); 0 for none.", DefaultValueFactory = _ => 2_000 };
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Run as a silo of a Linkage cluster whose membership is in this PostgreSQL (a connection string; normally the store's, which is then the default for --db). Several 'serve --cluster' processes form one cluster.",
        };
        var siloPort = new Option<int>("--silo-port") { Description = "With --cluster: the port silos talk on (0: a free one).", DefaultValueFactory = _ => 0 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "With --cluster: the port clients such as 'linkage backfill' connect to (0: a free one).", DefaultValueFactory = _ => 0 };
        var advertise = new Option<string>("--advertise") { Description = "With --cluster: the IP address other silos and clients reach this one at.", DefaultValueFactory = _ => "127.0.0.1" };
        var fastFailover = new Option<bool>("--fast-failover") { Description = "With --cluster: declare a silo that stopped answering dead within seconds (for clusters on one host or a fast LAN)." };
        var command = new Command("serve", "Serve the HTTP API and the web page over a store.") { db, urls, samples, maxBody, maxBatch, rate, cluster, siloPort, gatewayPort, advertise, fastFailover };
        command.SetAction(async (parse, cancel) =>
        {
            ServeCollector.UseWorkstation(stderr);
            if (parse.GetValue(maxBody) < 1 || parse.GetValue(maxBatch) < 1 || parse.GetValue(rate) < 0)
            {
                stderr.WriteLine("linkage: --max-body-bytes and --max-batch must be at least 1, --rate-limit at least 0");
                return ExitCodes.BadInput;
            }

            string? clusterConnection = parse.GetValue(cluster);
            if (clusterConnection is not null && !LinkageStore.IsPostgres(clusterConnection))
            {
                stderr.WriteLine("linkage: --cluster takes a PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…)");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(siloPort) is < 0 or > 65535 || parse.GetValue(gatewayPort) is < 0 or > 65535)
            {
                stderr.WriteLine("linkage: --silo-port and --gateway-port must be between 0 and 65535");
                return ExitCodes.BadInput;
            }

            if (!System.Net.IPAddress.TryParse(parse.GetValue(advertise), out _))
            {
                stderr.WriteLine($"linkage: --advertise takes an IP address, not '{parse.GetValue(advertise)}'");
                return ExitCodes.BadInput;
            }

            string? givenDb = parse.GetValue(db) ?? clusterConnection;
            if (clusterConnection is not null && !LinkageStore.IsPostgres(givenDb!))
            {
                stderr.WriteLine("linkage: a cluster's silos share one store: --db must be a PostgreSQL connection string");
                return ExitCodes.BadInput;
            }

            string location = givenDb ?? LinkageStore.DefaultLocation;
            string? throwAway = null;
            string? sampleKey = null;
            try
            {
                if (parse.GetValue(samples))
                {
                    if (givenDb is null)
                    {
                        throwAway = Path.Combine(Path.GetTempPath(), $"linkage-samples-{Environment.ProcessId}.db");
                        location = throwAway;
                    }

                    sampleKey = ImportSamples(location, stderr);
                }
                else if (!LinkageStore.IsPostgres(location) && !File.Exists(location))
                {
                    stderr.WriteLine($"linkage: there is no store at '{location}'; create one ('linkage workspace create NAME', 'linkage import crm …'), name it with --db, or try --samples");
                    return ExitCodes.BadInput;
                }

                var options = new ServerOptions
                {
                    Store = location,
                    Urls = parse.GetRequiredValue(urls),
                    MaxBodyBytes = parse.GetValue(maxBody),
                    MaxBatch = parse.GetValue(maxBatch),
                    RateLimit = parse.GetValue(rate),
                };
                LinkageClusterOptions? clustered = clusterConnection is null ? null : new LinkageClusterOptions
                {
                    Connection = clusterConnection,
                    SiloPort = parse.GetValue(siloPort),
                    GatewayPort = parse.GetValue(gatewayPort),
                    AdvertisedAddress = parse.GetRequiredValue(advertise),
                    FastFailureDetection = parse.GetValue(fastFailover),
                };
                using IHost host = (clustered is null ? ServerHost.CreateHostBuilder(options) : ClusterHost.CreateHostBuilder(options, clustered)).Build();
                await host.StartAsync(cancel).ConfigureAwait(false);
                string first = options.Urls.Split(';')[0].TrimEnd('/');
                stderr.WriteLine($"linkage: serving {StoreOptions.Describe(location)} on {options.Urls} ({ServeCollector.Current} collector)");
                if (clustered is not null)
                {
                    stderr.WriteLine($"linkage: silo {ClusterHost.Describe(host.Services)} of cluster '{clustered.ClusterId}' (membership in {StoreOptions.Describe(clusterConnection!)})");
                }

                stderr.WriteLine($"linkage: page {first}/   API {first}/api   OpenAPI {first}/openapi/v1.json   (Ctrl+C stops)");
                if (sampleKey is not null)
                {
                    stderr.WriteLine($"linkage: API key of workspace '{SamplesWorkspace}': {sampleKey}");
                    stderr.WriteLine($"linkage: open {first}/#key={sampleKey}");
                }

                await host.WaitForShutdownAsync(cancel).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (StoreException ex)
            {
                stderr.WriteLine($"linkage: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (Npgsql.NpgsqlException ex) when (clusterConnection is not null)
            {
                stderr.WriteLine($"linkage: cannot reach the cluster's PostgreSQL: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (IOException ex) when (ex.InnerException is SocketException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                stderr.WriteLine($"linkage: cannot listen on {parse.GetValue(urls)}: {ex.Message}");
                return ExitCodes.BadInput;
            }
            finally
            {
                if (throwAway is not null)
                {
                    foreach (string f in new[] { throwAway, throwAway + "-wal", throwAway + "-shm" })
                    {
                        File.Delete(f);
                    }
                }
            }
        });
        return command;
    }

    /// <summary>Imports samples/ into workspace 'samples', associates it, and returns a new key for it.</summary>
    private static string ImportSamples(string location, TextWriter stderr)
    {
        string folder = SamplesFolder()
            ?? throw new StoreException("cannot find the bundled samples (samples/crm.json); run from the repository's folder");
        using ILinkageStore store = LinkageStore.Open(location, create: true);
        store.ReplaceSettings(SamplesWorkspace, SettingsReader.ReadFile(Path.Combine(folder, "settings.json")));
        store.ImportCrm(SamplesWorkspace, SnapshotReader.ReadFile(Path.Combine(folder, "crm.json")), replace: false);
        List<Activity> activities = [.. File.ReadLines(Path.Combine(folder, "activities.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => ActivityLineParser.Parse(l).Activity)
            .OfType<Activity>()];
        store.ImportActivities(SamplesWorkspace, activities);
        AssociateReport report = store.Associate(SamplesWorkspace);
        stderr.WriteLine($"linkage: samples imported into workspace '{SamplesWorkspace}' of {StoreOptions.Describe(location)} ({report.Recomputed:N0} activities associated)");
        return WorkspaceCommand.NewKey(store, SamplesWorkspace, "samples");
    }

    /// <summary>samples/ under the current folder, or beside the build (.build/cli sits two levels under the repository).</summary>
    private static string? SamplesFolder()
    {
        string? dir = Directory.GetCurrentDirectory();
        foreach (string start in new[] { dir, AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "samples", "crm.json")))
                {
                    return Path.Combine(d.FullName, "samples");
                }
            }
        }

        return null;
    }
}
