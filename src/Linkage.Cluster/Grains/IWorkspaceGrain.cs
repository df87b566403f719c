namespace Linkage.Cluster.Grains;

/// <summary>
/// One workspace's engine in the cluster, keyed by the workspace's name. Orleans keeps at most one
/// activation of it in the cluster, so the workspace's index is built once, wherever it is activated.
/// </summary>
public interface IWorkspaceGrain : IGrainWithStringKey
{
    /// <summary>Submits, CRM changes, settings and pins: their store part one at a time, under the grain's write lock.</summary>
    Task<GrainReply> Write(GrainWork work);

    /// <summary>Searches and record views: no lock, as on one machine.</summary>
    Task<GrainReply> Read(GrainWork work);

    Task<long> Version();

    Task<WorkspaceGrainInfo> Info();
}
