using Linkage.Cluster.Hosting;
using Linkage.Server;
using Linkage.Server.Hosting;
using Linkage.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Linkage.Cluster.Tests.Support;

/// <summary>
/// Three silos in this test process (Orleans' in-process test cluster, its own membership) over a fresh
/// PostgreSQL schema holding the store; each silo has the services <c>serve</c> gives it.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private InProcessCluster(InProcessTestCluster cluster, string connection, string schema)
    {
        Cluster = cluster;
        Connection = connection;
        Schema = schema;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The store's connection string (search path: this cluster's schema).</summary>
    public string Connection { get; }

    public string Schema { get; }

    public static async Task<InProcessCluster> StartAsync(int silos = 3)
    {
        (string connection, string schema) = PostgresServer.NewPooledSchema();
        // Creates the store's tables before any silo opens a store.
        using (LinkageStore.Open(connection, create: true))
        {
        }

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseLinkageGrains(new LinkageClusterOptions { Connection = connection, FastFailureDetection = true, IdleAfter = TimeSpan.FromMinutes(5) });
            silo.Services.AddSingleton(new ServerOptions { Store = connection, RateLimit = 0 });
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddSingleton(_ => new StorePool(connection));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromMinutes(2)));
        InProcessTestCluster cluster = builder.Build();
        using var deploy = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await cluster.DeployAsync(deploy.Token);
        return new InProcessCluster(cluster, connection, schema);
    }

    public ILinkageStore OpenStore() => LinkageStore.Open(Connection, create: false);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await Cluster.StopAllSilosAsync(stop.Token);
        }
        finally
        {
            await Cluster.DisposeAsync();
            PostgresServer.DropSchema(Schema);
        }
    }
}
