using System.Collections.Concurrent;
using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Server.Hosting;
using Linkage.Storage;
using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Workspaces;

/// <summary>
/// The in-memory engine of each workspace, built once from the store's snapshot and rebuilt after the
/// server changes that workspace's CRM or settings, so a batch is associated at the engine's speed rather
/// than by loading each activity's neighbourhood from SQL. Writes to one workspace are serialised by its
/// lock: an association is never computed from a CRM that a concurrent change is replacing.
/// </summary>
public sealed class WorkspaceEngines(StorePool stores, TimeProvider clock, ServerOptions options) : IWorkspaceEngines
{
    private readonly ConcurrentDictionary<string, Lazy<WorkspaceEngine>> _engines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SubmitGroups<SubmitPlan>> _submits = new(StringComparer.Ordinal);

    /// <summary>The workspace's engine, built on first use (seconds for a million contacts).</summary>
    public WorkspaceEngine For(string workspace)
    {
        Lazy<WorkspaceEngine> lazy = _engines.GetOrAdd(workspace, ws => new Lazy<WorkspaceEngine>(() => Build(ws)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed build (store unreachable) is not remembered: the next request tries again.
            _engines.TryRemove(new KeyValuePair<string, Lazy<WorkspaceEngine>>(workspace, lazy));
            throw;
        }
    }

    /// <summary>The CRM or settings changed: the next request builds a new engine.</summary>
    public void Invalidate(string workspace)
    {
        _engines.TryRemove(workspace, out _);
        Changed(workspace);
    }

    /// <summary>Anything in the workspace changed (activities, pins): derived views such as coverage are stale.</summary>
    public void Changed(string workspace) => _versions.AddOrUpdate(workspace, 1, (_, v) => v + 1);

    /// <summary>Grows with every change the server made to the workspace.</summary>
    public long Version(string workspace) => _versions.GetValueOrDefault(workspace);

    /// <summary>Held while writing to the workspace.</summary>
    public async Task<IDisposable> LockAsync(string workspace, CancellationToken cancel)
    {
        SemaphoreSlim gate = _locks.GetOrAdd(workspace, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancel);
        return new Release(gate);
    }

    public Task<IResult> RunAsync(string workspace, WorkspaceWork work, CancellationToken cancel) =>
        new WorkspaceCall(workspace, work, new Slot(this, workspace), stores, options, cancel).RunAsync();

    public Task<long> VersionAsync(string workspace, CancellationToken cancel) => Task.FromResult(Version(workspace));

    /// <summary>Loads a workspace's engine from the store: its whole CRM snapshot and settings.</summary>
    public static WorkspaceEngine Build(StorePool stores, string workspace, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stores);
        using StorePool.Lease lease = stores.Rent();
        var settings = lease.Store.Settings(workspace);
        var associator = Associator.Create(lease.Store.Snapshot(workspace), settings, ReferenceData.Bundled);
        var engine = new WorkspaceEngine(associator, settings, now);
        Settle();
        return engine;
    }

    /// <summary>
    /// Collects the build's garbage now, as part of the request that waits for the build anyway. Building a
    /// million-contact engine leaves hundreds of MB of snapshot JSON and temporaries spread over every
    /// generation; left to the collector, they came back as a blocking gen2 collection of ~1 s (and gen1
    /// collections of 100-250 ms) within the first seconds of traffic after the build.
    /// </summary>
    private static void Settle()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private WorkspaceEngine Build(string workspace) => Build(stores, workspace, clock.GetUtcNow());

    private sealed class Slot(WorkspaceEngines engines, string workspace) : IWorkspaceSlot
    {
        public WorkspaceEngine Engine() => engines.For(workspace);

        public void Invalidate() => engines.Invalidate(workspace);

        public void Changed() => engines.Changed(workspace);

        public SubmitGroups<SubmitPlan> Submits => engines._submits.GetOrAdd(workspace, _ => new SubmitGroups<SubmitPlan>());

        public Task<IDisposable> LockAsync(CancellationToken cancel) => engines.LockAsync(workspace, cancel);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
