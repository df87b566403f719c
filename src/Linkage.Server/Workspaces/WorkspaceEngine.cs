using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Storage;

namespace Linkage.Server.Workspaces;

/// <summary>One workspace's engine: the index over its whole stored CRM, and the settings it was built with.</summary>
public sealed record WorkspaceEngine(Associator Associator, LinkageSettings Settings, DateTimeOffset BuiltAt)
{
    /// <summary>Plans submissions with this engine, without a store connection.</summary>
    public SubmitPlanner Planner { get; } = new(Associator, Settings);
}
