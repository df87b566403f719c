using System.Diagnostics;
using Linkage.Cluster.Hosting;
using Linkage.Server.Hosting;

namespace Linkage.Cluster.Backfill;

/// <summary>
/// Coordinates one workspace's backfill. The work is the workspace's queue in the store, so the
/// coordinator keeps no state worth saving: it cuts what is queued into ranges, runs them on partition
/// grains spread over the silos (retrying a range whose silo was lost), and repeats until the queue is
/// empty. If the coordinator's own silo is lost, <c>Start</c> on the re-activated grain carries on from
/// what is still queued.
/// </summary>
internal sealed class BackfillGrain(StorePool stores, ILocalSiloDetails silo) : Grain, IBackfillGrain
{
    private const int MaxRounds = 5;
    private const int MaxAttempts = 8;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _perSilo = new(StringComparer.Ordinal);
    private BackfillState _state = BackfillState.Idle;
    private Guid _run;
    private int _partitions, _partitionsDone, _retries;
    private long _associated, _changed;
    private string? _error;
    private long _started;
    private double _seconds;

    private string Workspace => this.GetPrimaryKeyString();

    public Task<BackfillStatus> Start(int partitionSize, int parallel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        lock (_gate)
        {
            if (_state != BackfillState.Running)
            {
                _state = BackfillState.Running;
                _run = Guid.NewGuid();
                _partitions = _partitionsDone = _retries = 0;
                _associated = _changed = 0;
                _perSilo.Clear();
                _error = null;
                _started = Stopwatch.GetTimestamp();
                // The run continues outside the grain's turns; keep the activation while it does.
                DelayDeactivation(TimeSpan.FromHours(24));
                IGrainFactory grains = GrainFactory;
                _ = Task.Run(() => RunAsync(grains, partitionSize, parallel));
            }
        }

        return Status();
    }

    public Task<BackfillStatus> Status()
    {
        lock (_gate)
        {
            if (_state is BackfillState.Done or BackfillState.Failed)
            {
                // The run is over: the activation may be collected like any idle grain (a minute to read this).
                DelayDeactivation(TimeSpan.FromMinutes(1));
            }

            double seconds = _state == BackfillState.Running ? Stopwatch.GetElapsedTime(_started).TotalSeconds : _seconds;
            return Task.FromResult(new BackfillStatus(_state, _run, _partitions, _partitionsDone, _associated, _changed, _retries,
                new Dictionary<string, long>(_perSilo, StringComparer.Ordinal), seconds, _error, silo.SiloAddress.Endpoint.ToString()));
        }
    }

    private async Task RunAsync(IGrainFactory grains, int partitionSize, int parallel)
    {
        string workspace = Workspace;
        Guid run = _run;
        try
        {
            for (int round = 0; round < MaxRounds; round++)
            {
                IReadOnlyList<string> starts = Partitions(workspace, partitionSize);
                if (starts.Count == 0)
                {
                    Finish(BackfillState.Done, null);
                    return;
                }

                lock (_gate)
                {
                    _partitions += starts.Count;
                }

                using var slots = new SemaphoreSlim(parallel);
                Task[] ranges = [.. starts.Select(async (from, i) =>
                {
                    await slots.WaitAsync();
                    try
                    {
                        var work = new PartitionWork(workspace, run, from, i + 1 < starts.Count ? starts[i + 1] : null);
                        PartitionResult result = await RunRange(grains, work, $"{workspace}/{run:N}/{round}/{i}");
                        lock (_gate)
                        {
                            _partitionsDone++;
                            _associated += result.Associated;
                            _changed += result.Changed;
                            _perSilo[result.Silo] = _perSilo.GetValueOrDefault(result.Silo) + result.Associated;
                        }
                    }
                    finally
                    {
                        slots.Release();
                    }
                })];
                await Task.WhenAll(ranges);
            }

            Finish(Pending(workspace) == 0 ? BackfillState.Done : BackfillState.Failed,
                $"activities are still queued after {MaxRounds} rounds (changes keep arriving while the backfill runs); run it again");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Finish(BackfillState.Failed, ex.Message);
        }
    }

    /// <summary>A range on a random silo; when that silo is lost, the same range again under a new key (so placed afresh).</summary>
    private async Task<PartitionResult> RunRange(IGrainFactory grains, PartitionWork work, string key)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<IPartitionGrain>($"{key}/{attempt}").Run(work);
            }
            catch (Exception ex) when (Retry.IsSiloLoss(ex) && attempt < MaxAttempts)
            {
                lock (_gate)
                {
                    _retries++;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
            }
        }
    }

    private void Finish(BackfillState state, string? error)
    {
        lock (_gate)
        {
            _state = state;
            _error = state == BackfillState.Failed ? error : null;
            _seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        }
    }

    private IReadOnlyList<string> Partitions(string workspace, int size)
    {
        using StorePool.Lease lease = stores.Rent();
        return lease.Store.PendingPartitions(workspace, size);
    }

    private long Pending(string workspace)
    {
        using StorePool.Lease lease = stores.Rent();
        return lease.Store.Counts(workspace).Pending;
    }
}
