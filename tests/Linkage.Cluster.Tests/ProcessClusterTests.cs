using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Linkage.Cluster.Tests.Support;

namespace Linkage.Cluster.Tests;

/// <summary>
/// Three real <c>./linkage serve --cluster</c> processes on loopback ports sharing PostgreSQL: the HTTP API
/// answers as one machine does, and a silo killed with SIGKILL loses nothing and duplicates nothing.
/// </summary>
public sealed class ProcessClusterTests
{
    private const string SiloHeader = "X-Linkage-Silo";

    [ClusterFact]
    public async Task Three_serve_processes_answer_requests_for_many_workspaces_as_one_machine()
    {
        List<WorkspaceData> workspaces = [.. Enumerable.Range(0, 9).Select(i => WorkspaceData.Generate($"p{i}", 120, 30, (ulong)(200 + i)))];
        await using ThreeSilos cluster = await ThreeSilos.StartAsync(workspaces, queueActivities: false);

        var grainSilos = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < workspaces.Count; i++)
        {
            WorkspaceData w = workspaces[i];
            // Each batch through a different front end: the workspace's grain answers wherever it lives.
            var lines = new List<string>();
            for (int batch = 0; batch < 3; batch++)
            {
                using HttpClient client = cluster.Client(cluster.Silos[(i + batch) % 3], w.Name);
                using HttpResponseMessage response = await client.PostAsync("/api/activities", new ByteArrayContent(w.Body(batch * 10, 10)));
                string body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, body + cluster.Logs);
                lines.AddRange(Associations(body));
                grainSilos.Add(response.Headers.GetValues(SiloHeader).Single());
            }

            Assert.Equal(w.Activities.Select(a => w.Expected[a.Id]), lines);
        }

        Assert.True(grainSilos.Count >= 2, $"9 workspaces all held by {string.Join(", ", grainSilos)}");

        // The same question to every front end gets the same answer, byte for byte.
        WorkspaceData first = workspaces[0];
        string contact = first.Crm.Contacts[0].Id;
        string[] views = await Task.WhenAll(cluster.Silos.Select(async s =>
        {
            using HttpClient client = cluster.Client(s, first.Name);
            return await client.GetStringAsync($"/api/records/contact/{contact}");
        }));
        Assert.Single(views.Distinct());
        Assert.Contains(contact, views[0]);
    }

    [ClusterFact]
    public async Task Killing_a_silo_in_a_stream_of_requests_loses_and_duplicates_nothing()
    {
        List<WorkspaceData> workspaces = [.. Enumerable.Range(0, 8).Select(i => WorkspaceData.Generate($"s{i}", 120, 80, (ulong)(300 + i)))];
        await using ThreeSilos cluster = await ThreeSilos.StartAsync(workspaces, queueActivities: false);
        var live = new List<SiloProcess>(cluster.Silos);
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        int answered = 0;
        SiloProcess? victim = null;
        var killedAt = new TaskCompletionSource<int>();

        async Task Stream(WorkspaceData w, int index)
        {
            for (int from = 0, n = 0; from < w.Lines.Count; from += 8, n++)
            {
                // Like a load balancer: the next live front end, and another one if it fails to answer.
                DateTime until = DateTime.UtcNow.AddMinutes(2);
                while (true)
                {
                    SiloProcess front;
                    lock (live)
                    {
                        front = live[(index + n) % live.Count];
                    }

                    try
                    {
                        using HttpClient client = cluster.Client(front, w.Name);
                        using HttpResponseMessage response = await client.PostAsync("/api/activities", new ByteArrayContent(w.Body(from, 8)));
                        string body = await response.Content.ReadAsStringAsync();
                        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
                        Assert.Equal(w.Activities.Skip(from).Take(8).Select(a => w.Expected[a.Id]), Associations(body));
                        lock (held)
                        {
                            held[w.Name] = response.Headers.GetValues(SiloHeader).Single();
                        }

                        Interlocked.Increment(ref answered);
                        break;
                    }
                    catch (HttpRequestException) when (front.Killed && DateTime.UtcNow < until)
                    {
                        lock (live)
                        {
                            live.Remove(front);
                        }
                    }
                }

                await Task.Delay(50);
            }
        }

        Task streams = Task.WhenAll(workspaces.Select(Stream));
        // Once a third of the batches are answered, kill the silo holding the most workspaces.
        var limit = Stopwatch.StartNew();
        while (Volatile.Read(ref answered) < workspaces.Sum(w => w.Lines.Count / 8) / 3 && !streams.IsCompleted && limit.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(20);
        }

        Assert.False(streams.IsCompleted, "the stream ended before a silo could be killed");
        string busiest;
        lock (held)
        {
            busiest = held.Values.GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key;
        }

        victim = cluster.Silos.Single(s => s.Silo == busiest);
        victim.Kill();
        int atKill = Volatile.Read(ref answered);

        Task finished = await Task.WhenAny(streams, Task.Delay(TimeSpan.FromMinutes(4)));
        Assert.True(finished == streams, "the request stream did not finish within 4 minutes");
        await streams;
        Assert.True(atKill < workspaces.Sum(w => (w.Lines.Count + 7) / 8), "every batch had been answered before the kill");

        foreach (WorkspaceData w in workspaces)
        {
            Assert.Equal(w.Expected, StoreFacts.Lines(cluster.Connection, w.Name).ToDictionary(p => p.Key, p => p.Value!));
        }

        Assert.Empty(StoreFacts.RepeatedHistory(cluster.Connection));
        Assert.Equal(workspaces.Sum(w => (long)w.Activities.Count), StoreFacts.HistoryRows(cluster.Connection));
        // The workspaces the victim held now live on the survivors.
        Assert.DoesNotContain(busiest, await HeldNow(cluster, workspaces));
    }

    [ClusterFact]
    public async Task Killing_the_coordinating_silo_mid_backfill_still_stores_exactly_what_one_machine_stores()
    {
        WorkspaceData w = WorkspaceData.Generate("big", 1_500, 12_000, 17);
        Dictionary<string, string?> oneMachine = OneMachine.Associate(w, out long oneMachineHistory);
        await using ThreeSilos cluster = await ThreeSilos.StartAsync([w], queueActivities: true);

        var start = new ProcessStartInfo("bash", ["linkage", "backfill", "--workspace", w.Name, "--cluster", cluster.Connection,
            "--partition-size", "200", "--parallel", "3", "--timeout-minutes", "6"])
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process backfill = Process.Start(start)!;
        var progress = new List<string>();
        var coordinator = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        backfill.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            lock (progress)
            {
                progress.Add(line);
            }

            // "backfill: 3 of 60 ranges, … coordinator 127.0.0.1:port": once ranges are done, kill the coordinator.
            if (line.StartsWith("backfill: ", StringComparison.Ordinal) && !line.StartsWith("backfill: 0 of", StringComparison.Ordinal))
            {
                coordinator.TrySetResult(line[(line.LastIndexOf(' ') + 1)..]);
            }
        };
        Task<string> stdout = backfill.StandardOutput.ReadToEndAsync();
        backfill.BeginErrorReadLine();

        Task first = await Task.WhenAny(coordinator.Task, backfill.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
        Assert.True(first == coordinator.Task, "no progress before the backfill ended or 3 minutes passed: " + string.Join("\n", progress) + cluster.Logs);
        SiloProcess victim = cluster.Silos.Single(s => s.Silo == coordinator.Task.Result);
        victim.Kill();

        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(6)))
        {
            await backfill.WaitForExitAsync(limit.Token);
        }

        string output = await stdout;
        string seen = string.Join("\n", progress);
        Assert.True(backfill.ExitCode == 0, $"exit {backfill.ExitCode}\n{seen}\n{output}");
        Assert.Contains($"backfilled workspace '{w.Name}'", output, StringComparison.Ordinal);
        Assert.Equal(0, StoreFacts.Pending(cluster.Connection, w.Name));
        Assert.Equal(oneMachine, StoreFacts.Lines(cluster.Connection, w.Name));
        Assert.Empty(StoreFacts.RepeatedHistory(cluster.Connection));
        Assert.Equal(oneMachineHistory, StoreFacts.HistoryRows(cluster.Connection));
    }

    private static List<string> Associations(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return [.. doc.RootElement.GetProperty("associations").EnumerateArray().Select(e => e.GetRawText())];
    }

    /// <summary>Where each workspace's grain is now, asked through a live front end (a search is a read through the grain).</summary>
    private static async Task<HashSet<string>> HeldNow(ThreeSilos cluster, IEnumerable<WorkspaceData> workspaces)
    {
        SiloProcess front = cluster.Silos.First(s => !s.Killed);
        var silos = new HashSet<string>(StringComparer.Ordinal);
        foreach (WorkspaceData w in workspaces)
        {
            using HttpClient client = cluster.Client(front, w.Name);
            using HttpResponseMessage response = await client.GetAsync("/api/search?q=nobody@example.com");
            silos.Add(response.Headers.GetValues(SiloHeader).Single());
        }

        return silos;
    }
}
