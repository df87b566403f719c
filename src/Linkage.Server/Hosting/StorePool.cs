using System.Collections.Concurrent;
using Linkage.Storage;

namespace Linkage.Server.Hosting;

/// <summary>
/// Open stores for concurrent requests: a store is one connection and not thread-safe, so each request
/// rents one and gives it back. Opening runs the migration check, so reusing them matters.
/// </summary>
public sealed class StorePool : IDisposable
{
    private const int MaxIdle = 32;
    private readonly string _location;
    private readonly ConcurrentBag<ILinkageStore> _idle = [];
    private int _disposed;

    public StorePool(string location)
    {
        _location = location;
        // Open one now: a wrong path or an unreachable server is reported at start, not on the first request.
        _idle.Add(Open());
    }

    public Lease Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new Lease(this, _idle.TryTake(out ILinkageStore? store) ? store : Open());
    }

    private ILinkageStore Open() => LinkageStore.Open(_location, create: false);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            while (_idle.TryTake(out ILinkageStore? store))
            {
                store.Dispose();
            }
        }
    }

    private void Return(ILinkageStore store)
    {
        if (_disposed != 0 || _idle.Count >= MaxIdle)
        {
            store.Dispose();
            return;
        }

        _idle.Add(store);
    }

    /// <summary>A rented store; disposing gives it back.</summary>
    public sealed class Lease(StorePool pool, ILinkageStore store) : IDisposable
    {
        private ILinkageStore? _store = store;

        public ILinkageStore Store => _store ?? throw new ObjectDisposedException(nameof(Lease));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _store, null) is { } s)
            {
                pool.Return(s);
            }
        }
    }
}
