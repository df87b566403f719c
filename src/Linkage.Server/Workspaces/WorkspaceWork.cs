namespace Linkage.Server.Workspaces;

/// <summary>What a request asks of a workspace's engine.</summary>
public enum WorkspaceOp
{
    Submit,
    Pin,
    Unpin,
    UpsertRecords,
    DeleteRecords,
    PutSettings,
    Search,
    Record,
}

/// <summary>
/// One request's work for a workspace's engine, in plain data (the request body and up to two route or
/// query values), so it can run where the engine lives: in this process, or in the workspace's grain on
/// another silo of a cluster.
/// </summary>
public sealed record WorkspaceWork(WorkspaceOp Op, byte[] Body, string? First = null, string? Second = null)
{
    /// <summary>Writes hold the workspace's lock; reads (search, record) may run side by side.</summary>
    public bool Writes => Op is not (WorkspaceOp.Search or WorkspaceOp.Record);
}
