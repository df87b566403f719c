using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Hosting;

/// <summary>
/// With <c>LINKAGE_REQUEST_LOG=1</c>: every 10 s, the server's own view of its requests' latency (from the
/// first middleware to the end of the response) on standard error. A load client's latency adds its own
/// scheduling and the loopback round trip; the difference says whose the tail is.
/// </summary>
internal sealed class RequestTimes : IMiddleware, IDisposable
{
    public const string Variable = "LINKAGE_REQUEST_LOG";

    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private List<double> _times = new(16_384);

    public RequestTimes() => _timer = new Timer(_ => Print(), null, 10_000, 10_000);

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        long start = Stopwatch.GetTimestamp();
        await next(context).ConfigureAwait(false);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        lock (_gate)
        {
            _times.Add(ms);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Print()
    {
        List<double> times;
        lock (_gate)
        {
            times = _times;
            _times = new List<double>(Math.Max(16_384, times.Count));
        }

        if (times.Count == 0)
        {
            return;
        }

        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)(q * times.Count))];
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests {DateTime.UtcNow:HH:mm:ss} n={times.Count} server-side ms p50 {At(0.5):0.00} p90 {At(0.9):0.00} p99 {At(0.99):0.00} max {times[^1]:0.00}"));
    }
}
