using Linkage.Cluster.Grains;
using Linkage.Server.Workspaces;
using Microsoft.AspNetCore.Http;

namespace Linkage.Cluster.Hosting;

/// <summary>
/// The HTTP front end's way to a workspace's engine in a cluster: every request goes to the workspace's
/// grain, wherever it is activated. When the silo holding it is lost, the call fails until the cluster has
/// declared that silo dead; it is retried (for up to <see cref="LinkageClusterOptions.RetryFor"/>), and
/// the grain is re-activated on a surviving silo. A retried write is safe: submits, CRM changes and pins
/// store the same outcome when repeated.
/// </summary>
internal sealed class ClusterWorkspaceEngines(IGrainFactory grains, LinkageClusterOptions options) : IWorkspaceEngines
{
    public async Task<IResult> RunAsync(string workspace, WorkspaceWork work, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        GrainWork sent = GrainWork.Of(work);
        GrainReply reply = await Retry.OnSiloLoss(() =>
        {
            IWorkspaceGrain grain = grains.GetGrain<IWorkspaceGrain>(workspace);
            return work.Writes ? grain.Write(sent) : grain.Read(sent);
        }, options.RetryFor, cancel);
        return new ReplyResult(reply);
    }

    public Task<long> VersionAsync(string workspace, CancellationToken cancel) =>
        Retry.OnSiloLoss(() => grains.GetGrain<IWorkspaceGrain>(workspace).Version(), options.RetryFor, cancel);
}
