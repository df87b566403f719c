using Orleans.Concurrency;

namespace Linkage.Cluster.Grains;

/// <summary>
/// One workspace's engine in the cluster, keyed by the workspace's name. Orleans keeps at most one
/// activation of it in the cluster, so the workspace's index is built once, wherever it is activated.
/// </summary>
public interface IWorkspaceGrain : IGrainWithStringKey
{
    /// <summary>Submits, CRM changes, settings and pins: one at a time, like the one-machine lock.</summary>
    Task<GrainReply> Write(GrainWork work);

    /// <summary>Searches and record views: side by side with each other, never during a write.</summary>
    [ReadOnly]
    Task<GrainReply> Read(GrainWork work);

    [ReadOnly]
    Task<long> Version();

    [ReadOnly]
    Task<WorkspaceGrainInfo> Info();
}
