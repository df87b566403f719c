using System.Diagnostics;
using Linkage.Server.Hosting;
using Linkage.Storage;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Linkage.Cluster.Backfill;

/// <inheritdoc cref="IIndexWorkerGrain"/>
[StatelessWorker(1)]
[Reentrant]
internal sealed class IndexWorkerGrain(StorePool stores, ILocalSiloDetails silo) : Grain, IIndexWorkerGrain
{
    // Lives as long as this activation: when the worker is collected after a backfill, the copy's memory goes.
    private readonly SiloIndexCache indexes = new(stores);

    public Task<PartitionResult> Associate(PartitionWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        string where = silo.SiloAddress.Endpoint.ToString();
        // The store and the engine are synchronous: off the grain's scheduler, so ranges run side by side.
        return Task.Run(() =>
        {
            long start = Stopwatch.GetTimestamp();
            var engine = indexes.For(work.Workspace, work.Run);
            using StorePool.Lease lease = stores.Rent();
            AssociateReport report = lease.Store.AssociateRange(work.Workspace, work.FromId, work.ToId, engine);
            return new PartitionResult(report.Recomputed, report.Changed, where, Stopwatch.GetElapsedTime(start).TotalSeconds);
        });
    }
}

/// <inheritdoc cref="IPartitionGrain"/>
[RandomPlacement]
internal sealed class PartitionGrain : Grain, IPartitionGrain
{
    public async Task<PartitionResult> Run(PartitionWork work)
    {
        try
        {
            return await GrainFactory.GetGrain<IIndexWorkerGrain>(0).Associate(work);
        }
        finally
        {
            // One range per activation: nothing to keep.
            DeactivateOnIdle();
        }
    }
}
