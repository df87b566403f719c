using System.Net;
using Linkage.Server.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Linkage.Cluster.Hosting;

/// <summary>Makes an Orleans silo a Linkage silo: membership on PostgreSQL, ports, grain lifetimes, failure detection.</summary>
public static class SiloSetup
{
    /// <summary>The ADO.NET provider name Orleans loads Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    public static ISiloBuilder UseLinkageCluster(this ISiloBuilder silo, LinkageClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<ClusterOptions>(c =>
        {
            c.ClusterId = options.ClusterId;
            c.ServiceId = options.ServiceId;
        });
        silo.UseAdoNetClustering(a =>
        {
            a.Invariant = Invariant;
            a.ConnectionString = options.Connection;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        return silo.UseLinkageGrains(options);
    }

    /// <summary>Everything but membership and ports: also what the in-process test cluster uses.</summary>
    public static ISiloBuilder UseLinkageGrains(this ISiloBuilder silo, LinkageClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<GrainCollectionOptions>(g =>
        {
            g.CollectionAge = options.IdleAfter;
            g.CollectionQuantum = options.IdleAfter < TimeSpan.FromMinutes(2) ? options.IdleAfter / 2 : TimeSpan.FromMinutes(1);
        });
        // A CRM change re-associates what it affects before answering, which can take minutes on a big workspace.
        silo.Configure<SiloMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromMinutes(10));
        if (options.FastFailureDetection)
        {
            silo.Configure<ClusterMembershipOptions>(FastMembership);
        }

        silo.Services.AddSingleton(options);
        silo.Services.AddSingleton<IWorkspaceEngines, ClusterWorkspaceEngines>();
        return silo;
    }

    /// <summary>
    /// Seconds instead of Orleans' defaults (probes every 5 s, 3 misses, 2 votes; liveness writes every 30 s): a
    /// silo that stops answering is declared dead after two missed 2-second probes. Generous enough that a
    /// silo busy on a loaded 2-core machine is not declared dead by mistake.
    /// </summary>
    internal static void FastMembership(ClusterMembershipOptions m)
    {
        m.ProbeTimeout = TimeSpan.FromSeconds(2);
        m.NumMissedProbesLimit = 2;
        m.NumVotesForDeathDeclaration = 1;
        m.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        m.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        m.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        m.NumMissedTableIAmAliveLimit = 2;
        m.LocalHealthDegradationMonitoringPeriod = TimeSpan.FromSeconds(5);
    }
}
