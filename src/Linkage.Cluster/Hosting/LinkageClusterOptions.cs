namespace Linkage.Cluster.Hosting;

/// <summary>How a silo (or a client) joins a Linkage cluster.</summary>
public sealed record LinkageClusterOptions
{
    /// <summary>The PostgreSQL connection string holding the membership table (the store's, normally).</summary>
    public required string Connection { get; init; }

    /// <summary>Silos and clients with the same id form one cluster.</summary>
    public string ClusterId { get; init; } = "linkage";

    public string ServiceId { get; init; } = "linkage";

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; init; }

    /// <summary>Port clients (such as <c>linkage backfill</c>) connect to; 0 picks a free one.</summary>
    public int GatewayPort { get; init; }

    /// <summary>The address other silos reach this one at.</summary>
    public string AdvertisedAddress { get; init; } = "127.0.0.1";

    /// <summary>A workspace's grain (and its index) is collected after this long without requests.</summary>
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a request keeps retrying while the silo holding its workspace is being declared dead.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Declare a silo that stopped answering dead within seconds (2-second probes, two missed probes
    /// and two votes), instead of Orleans' defaults (tens of seconds). For tests and loopback clusters.
    /// </summary>
    public bool FastFailureDetection { get; init; }
}
