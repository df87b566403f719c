using Linkage.Server.Workspaces;

namespace Linkage.Cluster.Grains;

/// <summary>A <see cref="WorkspaceWork"/> as it travels to a workspace's grain.</summary>
[GenerateSerializer, Immutable]
public sealed record GrainWork(
    [property: Id(0)] int Op,
    [property: Id(1)] byte[] Body,
    [property: Id(2)] string? First,
    [property: Id(3)] string? Second)
{
    public static GrainWork Of(WorkspaceWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return new GrainWork((int)work.Op, work.Body, work.First, work.Second);
    }

    public WorkspaceWork ToWork() => new((WorkspaceOp)Op, Body, First, Second);
}

/// <summary>An HTTP answer computed inside a grain: status, content type and the body's bytes, and which silo answered.</summary>
[GenerateSerializer, Immutable]
public sealed record GrainReply(
    [property: Id(0)] int Status,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] byte[] Body,
    [property: Id(3)] string Silo);

/// <summary>What a workspace's grain holds: where it runs, whether its engine is built, and how big it is.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkspaceGrainInfo(
    [property: Id(0)] string Silo,
    [property: Id(1)] bool EngineBuilt,
    [property: Id(2)] int Records,
    [property: Id(3)] double LastBuildSeconds,
    [property: Id(4)] long Requests);
