using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Workspaces;

/// <summary>
/// Where each workspace's engine lives and its work runs: <see cref="WorkspaceEngines"/> in this process
/// (one machine), or the workspace's grain in a cluster (Linkage.Cluster). The HTTP endpoints only read the
/// request and hand the work over, so the API behaves the same either way.
/// </summary>
public interface IWorkspaceEngines
{
    Task<IResult> RunAsync(string workspace, WorkspaceWork work, CancellationToken cancel);

    /// <summary>Grows with every change made through the server; it never repeats for a workspace while in use.</summary>
    Task<long> VersionAsync(string workspace, CancellationToken cancel);
}
