using System.Diagnostics;
using Linkage.Server;
using Linkage.Server.Hosting;
using Linkage.Server.Workspaces;
using Linkage.Storage;
using Microsoft.AspNetCore.Http;
using Orleans.Concurrency;

namespace Linkage.Cluster.Grains;

/// <summary>
/// A workspace's engine in the cluster. Activated on the first request for the workspace (on any silo),
/// it builds the engine from the store on first use, rebuilds it after a CRM or settings change made
/// through it, and is collected when idle (GrainCollectionOptions.CollectionAge), which frees the index.
/// Work runs the same code as on one machine (<see cref="WorkspaceCall"/>), off the grain's scheduler
/// because the store is synchronous. The grain is reentrant and writes take its own lock, exactly as on
/// one machine: parsing a batch and writing the answer overlap with other requests, and only the part
/// that uses the engine and the store is one at a time. (Non-reentrant, the whole request was serialised:
/// a third fewer activities per second in the measurements of docs/performance.md.)
/// </summary>
[Reentrant]
internal sealed class WorkspaceGrain(StorePool stores, ServerOptions options, IServiceProvider services, TimeProvider clock, ILocalSiloDetails silo)
    : Grain, IWorkspaceGrain, IWorkspaceSlot, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writes = new(1, 1);
    private WorkspaceEngine? _engine;
    // Starts at the activation's clock ticks so a re-activated grain never repeats an earlier version
    // (coverage caches on every silo compare versions).
    private long _version = clock.GetUtcNow().UtcTicks;
    private double _lastBuild;
    private long _requests;

    private string Workspace => this.GetPrimaryKeyString();

    private string Silo => silo.SiloAddress.Endpoint.ToString();

    public Task<GrainReply> Write(GrainWork work) => Run(work);

    public Task<GrainReply> Read(GrainWork work) => Run(work);

    public Task<long> Version() => Task.FromResult(Interlocked.Read(ref _version));

    public Task<WorkspaceGrainInfo> Info()
    {
        WorkspaceEngine? engine = _engine;
        int records = engine is null ? 0 : engine.Associator.Index.RecordCount;
        return Task.FromResult(new WorkspaceGrainInfo(Silo, engine is not null, records, _lastBuild, Interlocked.Read(ref _requests)));
    }

    public WorkspaceEngine Engine()
    {
        // Requests interleave (the grain is reentrant and the work runs on the thread pool): one builds, the others wait.
        lock (_gate)
        {
            if (_engine is null)
            {
                long start = Stopwatch.GetTimestamp();
                _engine = WorkspaceEngines.Build(stores, Workspace, clock.GetUtcNow());
                _lastBuild = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }

            return _engine;
        }
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _engine = null;
        }

        Changed();
    }

    public void Changed() => Interlocked.Increment(ref _version);

    public SubmitGroups<SubmitPlan> Submits { get; } = new();

    public async Task<IDisposable> LockAsync(CancellationToken cancel)
    {
        await _writes.WaitAsync(cancel);
        return new Held(_writes);
    }

    /// <summary>Orleans disposes the grain when its activation is collected.</summary>
    public void Dispose() => _writes.Dispose();

    private async Task<GrainReply> Run(GrainWork work)
    {
        Interlocked.Increment(ref _requests);
        var call = new WorkspaceCall(Workspace, work.ToWork(), this, stores, options, CancellationToken.None);
        string silo = Silo;
        return await Task.Run(async () =>
        {
            IResult result = await call.RunAsync();
            return await ResultCapture.CaptureAsync(result, services, silo);
        });
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
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
