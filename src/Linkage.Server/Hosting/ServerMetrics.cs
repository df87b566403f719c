using System.Diagnostics.Metrics;

namespace Linkage.Server.Hosting;

/// <summary>
/// The stages of a submission, as .NET metrics (meter <c>Linkage.Server</c>): any metrics listener or
/// OpenTelemetry exporter can read them, and <c>LINKAGE_REQUEST_LOG=1</c> prints their percentiles beside
/// the requests' (<see cref="RequestTimes"/>), so a latency tail can be placed in a stage.
/// </summary>
internal static class ServerMetrics
{
    public const string MeterName = "Linkage.Server";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>The engine's part of a request, outside the workspace's lock.</summary>
    public static readonly Histogram<double> SubmitPlan =
        Meter.CreateHistogram<double>("linkage.submit.plan", "ms", "associating a request's activities, before the write");

    /// <summary>From a planned request joining the workspace's writers to its answer being ready: waiting and writing.</summary>
    public static readonly Histogram<double> SubmitQueued =
        Meter.CreateHistogram<double>("linkage.submit.queued", "ms", "a planned request's wait for its group to be written, and the write");

    /// <summary>One group's store write under the workspace's lock (transaction and commit included).</summary>
    public static readonly Histogram<double> SubmitWrite =
        Meter.CreateHistogram<double>("linkage.submit.write", "ms", "writing one group of requests to the store");

    /// <summary>Requests written together in one group.</summary>
    public static readonly Histogram<int> SubmitGroup =
        Meter.CreateHistogram<int>("linkage.submit.group", "{request}", "requests written together in one store write");
}
