using System.Net;
using System.Net.Sockets;
using Linkage.Cluster.Schema;
using Linkage.Server;
using Linkage.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Cluster.Hosting;

/// <summary>
/// <c>linkage serve --cluster</c>: the one-machine server's host (Kestrel, API, page) with an Orleans silo in
/// the same process. The silo's services replace the in-process engines with the workspace grains, so the
/// endpoints are the one-machine endpoints.
/// </summary>
public static class ClusterHost
{
    public static IHostBuilder CreateHostBuilder(ServerOptions server, LinkageClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(cluster);
        MembershipSchema.Apply(cluster.Connection);
        LinkageClusterOptions ported = cluster with
        {
            SiloPort = cluster.SiloPort == 0 ? FreePort() : cluster.SiloPort,
            GatewayPort = cluster.GatewayPort == 0 ? FreePort() : cluster.GatewayPort,
        };
        return ServerHost.CreateHostBuilder(server)
            // Orleans warns about much a cluster rides out (a lost silo, a slow probe); errors are what an operator needs.
            .ConfigureLogging(logging => logging.AddFilter("Orleans", LogLevel.Error))
            .UseOrleans(silo => silo.UseLinkageCluster(ported));
    }

    /// <summary>"127.0.0.1:11111 (gateway 30000)": where a started silo listens.</summary>
    public static string Describe(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var silo = (ILocalSiloDetails)services.GetService(typeof(ILocalSiloDetails))!;
        return $"{silo.SiloAddress.Endpoint} (gateway {silo.GatewayAddress?.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
    }

    /// <summary>A port nothing listens on now (the OS's choice), for a silo started without one.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
