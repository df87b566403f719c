using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Storage;

namespace Linkage.Server.Workspaces;

/// <summary>One workspace's engine: the index over its whole stored CRM, and the settings it was built with.</summary>
public sealed record WorkspaceEngine(Associator Associator, LinkageSettings Settings, DateTimeOffset BuiltAt)
{
    /// <summary>
    /// Plans submissions with this engine, without a store connection, on all cores but one: the workspace's
    /// single writer is the server's bottleneck under batches, and a plan spread over every core preempted it
    /// (measured on 2 cores: mean 13.8k -> 15.2k activities/s over five alternated runs, docs/performance.md).
    /// </summary>
    public SubmitPlanner Planner { get; } = new(Associator, Settings, maxParallelism: Math.Max(1, Environment.ProcessorCount - 1));
}
