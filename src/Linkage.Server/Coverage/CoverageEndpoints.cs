using System.Collections.Concurrent;
using Linkage.Core.Index;
using Linkage.Server.Api;
using Linkage.Server.Auth;
using Linkage.Server.Hosting;
using Linkage.Server.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Linkage.Server.Coverage;

/// <summary>
/// <c>/api/coverage</c>: computed by reading every activity of the workspace once, and kept until the
/// server next changes the workspace (a full pass over a million activities takes seconds).
/// </summary>
internal static class CoverageEndpoints
{
    private static readonly string[] Buckets = ["month", "week", "day"];

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/coverage", Get).WithTags("Coverage")
            .WithSummary("Share of activities associated per rule over time, and the top unmatched external domains and phone numbers")
            .WithDescription("bucket: month (default), week or day; top: how many domains and phones to list (default 20, at most 1000).")
            .Produces<CoverageReport>().ProducesValidationProblem();

    private static async Task<IResult> Get(HttpContext http, string? bucket, int? top, StorePool stores, IWorkspaceEngines engines, CoverageCache cache, CancellationToken cancel)
    {
        bucket = string.IsNullOrWhiteSpace(bucket) ? "month" : bucket.Trim().ToLowerInvariant();
        if (!Buckets.Contains(bucket))
        {
            return Problems.BadField("bucket", $"'{bucket}' is not one of {string.Join(", ", Buckets)}");
        }

        int n = top ?? 20;
        if (n is < 1 or > 1000)
        {
            return Problems.BadField("top", "must be between 1 and 1000");
        }

        string workspace = ApiKeyMiddleware.WorkspaceOf(http);
        long version = await engines.VersionAsync(workspace, cancel);
        var key = (workspace, bucket, n);
        if (cache.Reports.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return TypedResults.Ok(cached.Report);
        }

        using StorePool.Lease lease = stores.Rent();
        var builder = new CoverageBuilder(bucket, lease.Store.Settings(workspace), ReferenceData.Bundled);
        lease.Store.ForEachActivity(workspace, builder.Add);
        CoverageReport report = builder.Build(n);
        cache.Reports[key] = (version, report);
        return TypedResults.Ok(report);
    }
}

/// <summary>The last report per workspace, bucket and size, with the workspace version it was computed at.</summary>
internal sealed class CoverageCache
{
    public ConcurrentDictionary<(string Workspace, string Bucket, int Top), (long Version, CoverageReport Report)> Reports { get; } = new();
}
