using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

// A load client for 'linkage serve', run as its own process (bench/serve/run.sh):
//   batch  URL KEY FILE FROM COUNT BATCH CONCURRENCY   POST COUNT activities (lines FROM.. of FILE) in batches
//   single URL KEY FILE FROM RATE SECONDS             POST one activity per request at a fixed rate (open loop)
// Latency in the single mode runs from each request's scheduled start, so a server that falls behind is
// charged for the queueing it causes (no coordinated omission).
if (args.Length < 7)
{
    Console.Error.WriteLine("usage: LoadClient batch URL KEY FILE FROM COUNT BATCH CONCURRENCY | single URL KEY FILE FROM RATE SECONDS");
    return 2;
}

string mode = args[0], url = args[1].TrimEnd('/') + "/api/activities", key = args[2], file = args[3];
int from = Int(args[4]);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    Timeout = TimeSpan.FromMinutes(5),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

if (mode == "batch")
{
    int count = Int(args[5]), batch = Int(args[6]), concurrency = args.Length > 7 ? Int(args[7]) : 2;
    string[] lines = [.. File.ReadLines(file).Skip(from).Take(count)];
    byte[][] bodies = [.. lines.Chunk(batch).Select(c => Encoding.UTF8.GetBytes("[" + string.Join(',', c) + "]"))];
    var latencies = new double[bodies.Length];
    int next = -1, failures = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < bodies.Length)
        {
            long start = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(bodies[i]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await http.PostAsync(url, content);
            await response.Content.ReadAsByteArrayAsync();
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref failures);
            }
        }
    }));
    double seconds = clock.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"batch: {lines.Length:N0} activities in {bodies.Length:N0} requests of {batch:N0}, concurrency {concurrency}: {seconds:F1} s, " +
        $"{lines.Length / seconds:N0} activities/s; request p50 {P(latencies, 0.50):F0} ms, p99 {P(latencies, 0.99):F0} ms; non-200: {failures}"));
    return failures == 0 ? 0 : 1;
}

if (mode == "single")
{
    int rate = Int(args[5]), seconds = Int(args[6]);
    int total = rate * seconds;
    byte[][] bodies = [.. File.ReadLines(file).Skip(from).Take(total).Select(l => Encoding.UTF8.GetBytes("[" + l + "]"))];
    var latencies = new double[bodies.Length];
    int failures = 0;
    var tasks = new List<Task>(bodies.Length);
    long t0 = Stopwatch.GetTimestamp();
    // One thread releases every request that is due and then sleeps about a millisecond: spinning until each
    // request's exact start would take a whole core from the server on a 2-core machine. A request may thus
    // leave up to ~1 ms after its scheduled start, and that delay counts in its latency (charged to the server).
    var scheduler = new Thread(() =>
    {
        int i = 0;
        while (i < bodies.Length)
        {
            long now = Stopwatch.GetTimestamp();
            while (i < bodies.Length && t0 + (long)(i * (double)Stopwatch.Frequency / rate) <= now)
            {
                int n = i++;
                long due = t0 + (long)(n * (double)Stopwatch.Frequency / rate);
                Task request = Send(n, due);
                lock (tasks)
                {
                    tasks.Add(request);
                }
            }

            Thread.Sleep(1);
        }
    }) { IsBackground = true };
    scheduler.Start();
    scheduler.Join();

    async Task Send(int n, long due)
    {
        using var content = new ByteArrayContent(bodies[n]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await http.PostAsync(url, content).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        latencies[n] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Interlocked.Increment(ref failures);
        }
    }

    await Task.WhenAll(tasks);
    double elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
    // LATENCY_LOG=FILE: each request's scheduled start (ms into the run) and latency, to line stalls up with
    // the server's own events (checkpoints, collections).
    if (Environment.GetEnvironmentVariable("LATENCY_LOG") is { Length: > 0 } log)
    {
        File.WriteAllLines(log, latencies.Select((l, n) => string.Create(CultureInfo.InvariantCulture, $"{n * 1000.0 / rate:F3} {l:F3}")));
    }

    // Each tenth of the run on its own: a server that is slow only while it warms up shows it here.
    int tenth = Math.Max(1, latencies.Length / 10);
    Console.Error.WriteLine("p99 by tenth of the run (ms): " + string.Join(" ", Enumerable.Range(0, 10)
        .Select(k => latencies.Skip(k * tenth).Take(tenth).Order().ToArray()).Where(a => a.Length > 0)
        .Select(a => P(a, 0.99).ToString("F1", CultureInfo.InvariantCulture))));
    Array.Sort(latencies);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"single: {bodies.Length:N0} requests at {rate:N0}/s target over {elapsed:F1} s ({bodies.Length / elapsed:N0}/s achieved); " +
        $"latency p50 {P(latencies, 0.50):F2} ms, p90 {P(latencies, 0.90):F2} ms, p99 {P(latencies, 0.99):F2} ms, p99.9 {P(latencies, 0.999):F1} ms, max {latencies[^1]:F1} ms; non-200: {failures}"));
    return failures == 0 ? 0 : 1;
}

Console.Error.WriteLine($"unknown mode '{mode}'");
return 2;

static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

static double P(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
