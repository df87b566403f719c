using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Hosting;

/// <summary>
/// With <c>LINKAGE_REQUEST_LOG=1</c>: every 10 s, the server's own view of its requests' latency (from the
/// first middleware to the end of the response) on standard error, and the same percentiles for each stage
/// of a submission (<see cref="ServerMetrics"/>). A load client's latency adds its own scheduling and the
/// loopback round trip; the difference says whose the tail is, and the stages say where in the server.
/// </summary>
internal sealed class RequestTimes : IMiddleware, IDisposable
{
    public const string Variable = "LINKAGE_REQUEST_LOG";

    private const string Requests = "requests";

    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private readonly MeterListener _stages = new();
    private Dictionary<string, List<double>> _times = [];
    // Requests begun and not yet answered, with their start: a request that never ends shows here as an
    // ever older "oldest in flight", where the percentiles (of finished requests only) cannot show it.
    private readonly Dictionary<HttpContext, (long Start, string Path)> _inFlight = [];

    public RequestTimes()
    {
        _stages.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServerMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _stages.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        _stages.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value));
        _stages.Start();
        _timer = new Timer(_ => Print(), null, 10_000, 10_000);
    }

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        long start = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _inFlight[context] = (start, $"{context.Request.Method} {context.Request.Path}");
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight.Remove(context);
            }
        }

        Add(Requests, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    public void Dispose()
    {
        _timer.Dispose();
        _stages.Dispose();
    }

    private void Add(string name, double value)
    {
        lock (_gate)
        {
            if (!_times.TryGetValue(name, out List<double>? values))
            {
                _times[name] = values = new List<double>(16_384);
            }

            values.Add(value);
        }
    }

    private void Print()
    {
        Dictionary<string, List<double>> times;
        int inFlight;
        (long Start, string Path) oldest = default;
        lock (_gate)
        {
            times = _times;
            _times = [];
            inFlight = _inFlight.Count;
            if (inFlight > 0)
            {
                oldest = _inFlight.Values.MinBy(r => r.Start);
            }
        }

        if (inFlight > 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"in flight {inFlight}; oldest {Stopwatch.GetElapsedTime(oldest.Start).TotalMilliseconds:0} ms ({oldest.Path})"));
        }

        string now = DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        foreach ((string name, List<double> values) in times.OrderBy(t => t.Key == Requests ? "" : t.Key, StringComparer.Ordinal))
        {
            values.Sort();
            double At(double q) => values[Math.Min(values.Count - 1, (int)(q * values.Count))];
            string label = name == Requests ? $"requests {now}" : $"  {name}";
            string unit = name == Requests ? "server-side ms " : "";
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label} n={values.Count} {unit}p50 {At(0.5):0.00} p90 {At(0.9):0.00} p99 {At(0.99):0.00} max {values[^1]:0.00} sum {values.Sum():0}"));
        }
    }
}
