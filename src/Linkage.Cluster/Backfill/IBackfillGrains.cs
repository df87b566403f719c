using Orleans.Concurrency;

namespace Linkage.Cluster.Backfill;

/// <summary>
/// The per-silo worker: a stateless worker, so each silo has its own activation (one, reentrant) next to
/// that silo's index copy; it associates ranges handed to it on its silo.
/// </summary>
public interface IIndexWorkerGrain : IGrainWithIntegerKey
{
    Task<PartitionResult> Associate(PartitionWork work);
}

/// <summary>
/// One range of a backfill, placed at random in the cluster (a stateless worker is always local to its
/// caller, so this is what spreads ranges over silos); it hands the range to its silo's worker.
/// </summary>
public interface IPartitionGrain : IGrainWithStringKey
{
    Task<PartitionResult> Run(PartitionWork work);
}

/// <summary>A workspace's backfill: cuts its queue into ranges and runs them on every silo.</summary>
public interface IBackfillGrain : IGrainWithStringKey
{
    /// <summary>Starts a backfill, or returns the one running. <paramref name="partitionSize"/>: activities per range.</summary>
    Task<BackfillStatus> Start(int partitionSize, int parallel);

    [AlwaysInterleave]
    Task<BackfillStatus> Status();
}
