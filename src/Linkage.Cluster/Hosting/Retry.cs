using System.Diagnostics;
using Orleans.Runtime;

namespace Linkage.Cluster.Hosting;

/// <summary>Retries a grain call that failed because a silo went away, until the cluster has moved on or time is up.</summary>
internal static class Retry
{
    public static async Task<T> OnSiloLoss<T>(Func<Task<T>> call, TimeSpan limit, CancellationToken cancel)
    {
        long start = Stopwatch.GetTimestamp();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsSiloLoss(ex) && Stopwatch.GetElapsedTime(start) < limit)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 200 * attempt)), cancel);
            }
        }
    }

    /// <summary>Failures of the cluster, not of the work: the work itself never throws these.</summary>
    public static bool IsSiloLoss(Exception ex) => ex is SiloUnavailableException or OrleansMessageRejectionException
        or TimeoutException or ClientNotAvailableException
        || (ex is OrleansException && ex.InnerException is { } inner && IsSiloLoss(inner));
}
