namespace Linkage.Cluster.Backfill;

/// <summary>One range of a workspace's queue, for one backfill run (whose index copies it may reuse).</summary>
[GenerateSerializer, Immutable]
public sealed record PartitionWork(
    [property: Id(0)] string Workspace,
    [property: Id(1)] Guid Run,
    [property: Id(2)] string FromId,
    [property: Id(3)] string? ToId);

/// <summary>What a range's work did, and on which silo.</summary>
[GenerateSerializer, Immutable]
public sealed record PartitionResult(
    [property: Id(0)] long Associated,
    [property: Id(1)] long Changed,
    [property: Id(2)] string Silo,
    [property: Id(3)] double Seconds);

public enum BackfillState
{
    Idle,
    Running,
    Done,
    Failed,
}

/// <summary>A backfill's progress as <c>linkage backfill</c> shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record BackfillStatus(
    [property: Id(0)] BackfillState State,
    [property: Id(1)] Guid Run,
    [property: Id(2)] int Partitions,
    [property: Id(3)] int PartitionsDone,
    [property: Id(4)] long Associated,
    [property: Id(5)] long Changed,
    [property: Id(6)] int Retries,
    [property: Id(7)] IReadOnlyDictionary<string, long> PerSilo,
    [property: Id(8)] double Seconds,
    [property: Id(9)] string? Error,
    [property: Id(10)] string Coordinator);
