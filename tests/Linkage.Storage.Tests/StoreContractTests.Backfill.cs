using Linkage.Core.Engine;
using Linkage.Core.Index;

namespace Linkage.Storage.Tests;

/// <summary>The store's part in a cluster's backfill: ranges of the queue, each associated by a given engine.</summary>
public abstract partial class StoreContractTests
{
    [Support.ContractFact]
    public void Ranges_of_the_queue_associated_one_by_one_store_what_one_run_stores()
    {
        // The same world twice in one store: associated by one run, and range by range.
        ILinkageStore store = Loaded();
        var expected = new Dictionary<string, string?>(StringComparer.Ordinal);
        store.ExportAssociations(Ws, a => expected[a.ActivityId] = a.ExportLine);
        long history = expected.Keys.Sum(id => store.History(Ws, id).Count);
        const string ws = "ranges";
        store.ReplaceSettings(ws, Support.TestWorld.Settings);
        store.ImportCrm(ws, Support.TestWorld.Snapshot(), replace: false);
        store.ImportActivities(ws, Support.TestWorld.Activities());
        IReadOnlyList<string> starts = store.PendingPartitions(ws, 3);
        Assert.Equal((expected.Count + 2) / 3, starts.Count);
        Associator engine = Associator.Create(store.Snapshot(ws), store.Settings(ws), ReferenceData.Bundled);
        long associated = 0;
        for (int i = 0; i < starts.Count; i++)
        {
            associated += store.AssociateRange(ws, starts[i], i + 1 < starts.Count ? starts[i + 1] : null, engine).Recomputed;
        }

        // A range run again (a retried partition) finds nothing queued and writes nothing.
        Assert.Equal(0, store.AssociateRange(ws, starts[0], null, engine).Recomputed);
        Assert.Equal(expected.Count, associated);
        Assert.Equal(0, store.Counts(ws).Pending);
        var stored = new Dictionary<string, string?>(StringComparer.Ordinal);
        store.ExportAssociations(ws, a => stored[a.ActivityId] = a.ExportLine);
        Assert.Equal(expected, stored);
        Assert.Equal(history, stored.Keys.Sum(id => store.History(ws, id).Count));
    }
}
