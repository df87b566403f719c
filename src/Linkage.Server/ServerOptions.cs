namespace Linkage.Server;

/// <summary>How <c>linkage serve</c> runs: the store, where it listens, and the limits every request meets.</summary>
public sealed record ServerOptions
{
    /// <summary>The store (a SQLite file or a PostgreSQL connection string), as for every store command.</summary>
    public required string Store { get; init; }

    /// <summary>Where Kestrel listens; loopback by default.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Largest request body accepted; larger is 413.</summary>
    public long MaxBodyBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Most records or activities in one batch request; more is 400.</summary>
    public int MaxBatch { get; init; } = 10_000;

    /// <summary>Requests per key per <see cref="RateLimitWindow"/>; beyond is 429. Zero turns the limit off.</summary>
    public int RateLimit { get; init; } = 2_000;

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most activities a search or a record view lists.</summary>
    public int SearchLimit { get; init; } = 200;
}
