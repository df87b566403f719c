using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Cluster.Tests.Support;
using Linkage.Storage;

namespace Linkage.Cluster.Tests;

/// <summary>The store side of a backfill: ranges tile the queue, and a range run twice, even at once, writes once.</summary>
public sealed class AssociateRangeTests
{
    [ClusterFact]
    public void Ranges_tile_the_queue_and_together_store_what_one_machine_stores()
    {
        WorkspaceData w = WorkspaceData.Generate("ranges", 300, 1_000, 23);
        Dictionary<string, string?> oneMachine = OneMachine.Associate(w, out long history);
        (string connection, string schema) = PostgresServer.NewPooledSchema();
        try
        {
            using ILinkageStore store = LinkageStore.Open(connection, create: true);
            w.Load(store, activities: true);
            IReadOnlyList<string> starts = store.PendingPartitions(w.Name, 128);
            Assert.Equal((w.Activities.Count + 127) / 128, starts.Count);
            Associator engine = Associator.Create(store.Snapshot(w.Name), store.Settings(w.Name), ReferenceData.Bundled);
            long associated = 0;
            for (int i = 0; i < starts.Count; i++)
            {
                associated += store.AssociateRange(w.Name, starts[i], i + 1 < starts.Count ? starts[i + 1] : null, engine).Recomputed;
            }

            Assert.Equal(w.Activities.Count, associated);
            Assert.Equal(oneMachine, StoreFacts.Lines(connection, w.Name));
            Assert.Equal(history, StoreFacts.HistoryRows(connection));
        }
        finally
        {
            PostgresServer.DropSchema(schema);
        }
    }

    [ClusterFact]
    public async Task The_same_range_run_by_four_workers_at_once_is_written_once()
    {
        WorkspaceData w = WorkspaceData.Generate("twice", 300, 1_500, 29);
        Dictionary<string, string?> oneMachine = OneMachine.Associate(w, out long history);
        (string connection, string schema) = PostgresServer.NewPooledSchema();
        try
        {
            Associator engine;
            string from;
            using (ILinkageStore store = LinkageStore.Open(connection, create: true))
            {
                w.Load(store, activities: true);
                engine = Associator.Create(store.Snapshot(w.Name), store.Settings(w.Name), ReferenceData.Bundled);
                from = store.PendingPartitions(w.Name, int.MaxValue)[0];
            }

            // A retried range whose first attempt is still running on a silo being declared dead.
            long[] done = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                using ILinkageStore store = LinkageStore.Open(connection, create: false);
                return store.AssociateRange(w.Name, from, null, engine).Recomputed;
            })));

            Assert.Equal(w.Activities.Count, done.Sum());
            Assert.Equal(oneMachine, StoreFacts.Lines(connection, w.Name));
            Assert.Empty(StoreFacts.RepeatedHistory(connection));
            Assert.Equal(history, StoreFacts.HistoryRows(connection));
        }
        finally
        {
            PostgresServer.DropSchema(schema);
        }
    }
}
