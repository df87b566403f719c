using System.Text;
using System.Text.Json;
using Linkage.Cluster.Backfill;
using Linkage.Cluster.Grains;
using Linkage.Cluster.Tests.Support;
using Linkage.Server.Workspaces;
using Linkage.Storage;

namespace Linkage.Cluster.Tests;

/// <summary>A three-silo cluster in this process: workspace grains and backfills against one machine's results.</summary>
public sealed class InProcessClusterTests
{
    [ClusterFact]
    public async Task Requests_for_many_workspaces_spread_over_the_silos_and_answer_as_one_machine()
    {
        await using InProcessCluster cluster = await InProcessCluster.StartAsync();
        List<WorkspaceData> workspaces = [.. Enumerable.Range(0, 12).Select(i => WorkspaceData.Generate($"ws{i:00}", 150, 45, (ulong)(100 + i)))];
        using (ILinkageStore store = cluster.OpenStore())
        {
            workspaces.ForEach(w => w.Load(store, activities: false));
        }

        // Three batches per workspace, all workspaces at once.
        var answered = await Task.WhenAll(workspaces.Select(async w =>
        {
            var lines = new List<string>();
            var silos = new HashSet<string>(StringComparer.Ordinal);
            for (int from = 0; from < w.Lines.Count; from += 15)
            {
                GrainReply reply = await cluster.Client.GetGrain<IWorkspaceGrain>(w.Name)
                    .Write(new GrainWork((int)WorkspaceOp.Submit, w.Body(from, 15), null, null));
                Assert.True(reply.Status == 200, Encoding.UTF8.GetString(reply.Body));
                lines.AddRange(Associations(reply.Body));
                silos.Add(reply.Silo);
            }

            return (Workspace: w, Lines: lines, Silos: silos);
        }));

        foreach (var (w, lines, silos) in answered)
        {
            Assert.Equal(w.Activities.Select(a => w.Expected[a.Id]), lines);
            // One activation per workspace: every batch was answered by the same silo.
            Assert.Single(silos);
            Assert.Equal(w.Expected, StoreFacts.Lines(cluster.Connection, w.Name).ToDictionary(p => p.Key, p => p.Value!));
        }

        int used = answered.Select(a => a.Silos.Single()).Distinct().Count();
        Assert.True(used >= 2, $"12 workspaces all activated on {used} silo");
    }

    [ClusterFact]
    public async Task A_workspace_grain_comes_back_on_another_silo_when_its_silo_dies()
    {
        await using InProcessCluster cluster = await InProcessCluster.StartAsync();
        WorkspaceData w = WorkspaceData.Generate("moving", 150, 40, 7);
        using (ILinkageStore store = cluster.OpenStore())
        {
            w.Load(store, activities: false);
        }

        IWorkspaceGrain grain = cluster.Client.GetGrain<IWorkspaceGrain>(w.Name);
        GrainReply first = await grain.Write(new GrainWork((int)WorkspaceOp.Submit, w.Body(0, 20), null, null));
        var victim = cluster.Cluster.Silos.Single(s => s.SiloAddress.Endpoint.ToString() == first.Silo);
        await cluster.Cluster.KillSiloAsync(victim);

        GrainReply second = await Eventually(() => grain.Write(new GrainWork((int)WorkspaceOp.Submit, w.Body(20, 20), null, null)));
        Assert.NotEqual(first.Silo, second.Silo);
        Assert.Equal(w.Activities.Skip(20).Take(20).Select(a => w.Expected[a.Id]), Associations(second.Body));
        Assert.True((await grain.Info()).EngineBuilt);
        Assert.Equal(w.Expected, StoreFacts.Lines(cluster.Connection, w.Name).ToDictionary(p => p.Key, p => p.Value!));
    }

    [ClusterFact]
    public async Task A_backfill_runs_on_every_silo_and_stores_exactly_what_one_machine_stores()
    {
        WorkspaceData w = WorkspaceData.Generate("history", 600, 3_000, 11);
        Dictionary<string, string?> oneMachine = OneMachine.Associate(w, out long oneMachineHistory);

        await using InProcessCluster cluster = await InProcessCluster.StartAsync();
        using (ILinkageStore store = cluster.OpenStore())
        {
            w.Load(store, activities: true);
        }

        BackfillStatus done = await BackfillRunner.RunAsync(cluster.Client, w.Name, partitionSize: 200, parallel: 6, _ => { },
            TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.True(done.State == BackfillState.Done, done.Error);
        Assert.Equal(w.Activities.Count, done.Associated);
        Assert.True(done.PerSilo.Count >= 2, $"all {done.Partitions} ranges ran on {string.Join(", ", done.PerSilo.Keys)}");
        Assert.Equal(oneMachine, StoreFacts.Lines(cluster.Connection, w.Name));
        Assert.Equal(0, StoreFacts.Pending(cluster.Connection, w.Name));
        Assert.Equal(oneMachineHistory, StoreFacts.HistoryRows(cluster.Connection));

        // Again: nothing is queued, nothing is written.
        BackfillStatus again = await BackfillRunner.RunAsync(cluster.Client, w.Name, 200, 6, _ => { }, TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.Equal((BackfillState.Done, 0L), (again.State, again.Associated));
        Assert.Equal(oneMachineHistory, StoreFacts.HistoryRows(cluster.Connection));
    }

    private static IEnumerable<string> Associations(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        return [.. doc.RootElement.GetProperty("associations").EnumerateArray().Select(e => e.GetRawText())];
    }

    /// <summary>Retries while the cluster is still declaring the lost silo dead (seconds with fast failure detection).</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> call)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (Hosting.Retry.IsSiloLoss(ex) && DateTime.UtcNow < until)
            {
                await Task.Delay(500);
            }
        }
    }
}
