using System.Diagnostics;
using Linkage.Cluster.Hosting;

namespace Linkage.Cluster.Backfill;

/// <summary>
/// Starts a workspace's backfill and follows it to the end. When the silo coordinating it is lost, asking
/// again re-activates the coordinator on a surviving silo, which carries on from what is still queued.
/// </summary>
public static class BackfillRunner
{
    public static async Task<BackfillStatus> RunAsync(IGrainFactory grains, string workspace, int partitionSize, int parallel,
        Action<BackfillStatus> progress, TimeSpan limit, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(progress);
        IBackfillGrain backfill = grains.GetGrain<IBackfillGrain>(workspace);
        long start = Stopwatch.GetTimestamp();
        BackfillStatus status = await Retry.OnSiloLoss(() => backfill.Start(partitionSize, parallel), limit, cancel);
        while (status.State == BackfillState.Running)
        {
            if (Stopwatch.GetElapsedTime(start) > limit)
            {
                throw new TimeoutException($"the backfill did not finish within {limit.TotalMinutes:0.#} minutes");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancel);
            try
            {
                status = await backfill.Status();
            }
            catch (Exception ex) when (Retry.IsSiloLoss(ex))
            {
                status = status with { State = BackfillState.Idle };
            }

            if (status.State == BackfillState.Idle)
            {
                // The coordinator's silo was lost: a new activation resumes from what is still queued.
                TimeSpan left = limit - Stopwatch.GetElapsedTime(start);
                status = await Retry.OnSiloLoss(() => backfill.Start(partitionSize, parallel), left, cancel);
            }

            progress(status);
        }

        return status;
    }
}
