using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Linkage.Cluster.Hosting;

/// <summary>A client of a Linkage cluster (for <c>linkage backfill</c>): finds the silos' gateways in the membership table.</summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClient> ConnectAsync(LinkageClusterOptions options, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(options);
        IHost host = Host.CreateDefaultBuilder([])
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical))
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(c =>
                {
                    c.ClusterId = options.ClusterId;
                    c.ServiceId = options.ServiceId;
                });
                client.UseAdoNetClustering(a =>
                {
                    a.Invariant = SiloSetup.Invariant;
                    a.ConnectionString = options.Connection;
                });
                client.Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromMinutes(2));
                client.Configure<GatewayOptions>(g => g.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            })
            .Build();
        try
        {
            await host.StartAsync(cancel);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(stop.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
