using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Server.Hosting;

namespace Linkage.Cluster.Backfill;

/// <summary>
/// The read-only engine copy each silo holds for a backfill: built from the store once per workspace and
/// run, shared by all the ranges this silo works on (held by the silo's one index worker). A workspace keeps only its latest run's copy.
/// </summary>
internal sealed class SiloIndexCache(StorePool stores)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Guid Run, Lazy<Associator> Engine)> _byWorkspace = new(StringComparer.Ordinal);

    public Associator For(string workspace, Guid run)
    {
        Lazy<Associator> engine;
        lock (_gate)
        {
            if (!_byWorkspace.TryGetValue(workspace, out var held) || held.Run != run)
            {
                held = (run, new Lazy<Associator>(() => Build(workspace)));
                _byWorkspace[workspace] = held;
            }

            engine = held.Engine;
        }

        try
        {
            return engine.Value;
        }
        catch
        {
            // A failed build (store unreachable) is not kept: the retried range builds again.
            lock (_gate)
            {
                if (_byWorkspace.TryGetValue(workspace, out var held) && ReferenceEquals(held.Engine, engine))
                {
                    _byWorkspace.Remove(workspace);
                }
            }

            throw;
        }
    }

    private Associator Build(string workspace)
    {
        using StorePool.Lease lease = stores.Rent();
        return Associator.Create(lease.Store.Snapshot(workspace), lease.Store.Settings(workspace), ReferenceData.Bundled);
    }
}
