using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Crm;
using Linkage.Storage;

namespace Linkage.Cli;

/// <summary>
/// Live look-ups for one association run: the CRM directory, the run's budget, the workspace's daily
/// budget and remembered misses (both kept in a store, so they hold across runs and processes), and what
/// to report when the run ends.
/// </summary>
internal sealed class DialerSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly ILinkageStore _ledger;
    private readonly string _workspace;
    private readonly LookupCache _cache;
    private readonly Lock _ledgerGate;

    private DialerSession(CrmApiConfig config, LinkageSettings settings, ILinkageStore ledger, string workspace, TimeProvider time,
        CrmResilienceOptions resilience)
    {
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        // The engine's seam is synchronous, so a look-up blocks a pool thread while its HTTP continuations need
        // another; without spare threads the pool grows by about one a second and look-ups time out waiting.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        _ledger = ledger;
        _workspace = workspace;
        _ledgerGate = new Lock();
        _cache = new LookupCache(time, TimeSpan.FromHours(settings.CrmApiNegativeCacheHours));
        foreach ((string phone, DateTimeOffset until) in ledger.LookupMisses(workspace, time.GetUtcNow()))
        {
            _cache.Remember(phone, until);
        }

        var daily = new StoreDailyQuota(ledger, workspace, settings.CrmApiDailyBudget, time, _ledgerGate);
        Lookup = new DialerLookup(config.Directory(_http, resilience), daily, _cache, settings.CrmApiRunBudget);
    }

    public DialerLookup Lookup { get; }

    /// <summary>A session when a CRM API is configured, else null (and no look-up is ever made).</summary>
    public static DialerSession? Open(CrmApiConfig? config, LinkageSettings settings, ILinkageStore ledger, string workspace,
        TimeProvider? time = null, CrmResilienceOptions? resilience = null) =>
        config is null ? null : new DialerSession(config, settings, ledger, workspace, time ?? TimeProvider.System, resilience ?? new CrmResilienceOptions());

    /// <summary>Saves what was learnt and names, once per kind, what went wrong.</summary>
    public void Finish(TextWriter stderr)
    {
        IReadOnlyList<(string PhoneE164, DateTimeOffset Until)> misses = _cache.TakeNewMisses();
        if (misses.Count > 0)
        {
            lock (_ledgerGate)
            {
                _ledger.RememberLookupMisses(_workspace, misses);
            }
        }

        foreach (IGrouping<string, DialerEvent> kind in Lookup.Events.GroupBy(e => e.Code).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            DialerEvent first = kind.First();
            string more = kind.Count() > 1 ? $" ({kind.Count():N0} numbers)" : string.Empty;
            stderr.WriteLine($"linkage: CRM look-up {kind.Key}{more}: {first.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The day's budget in the store; one connection, so one caller at a time.</summary>
    private sealed class StoreDailyQuota(ILinkageStore store, string workspace, int budget, TimeProvider time, Lock gate) : IDailyQuota
    {
        public int Budget => budget;

        public bool TryTake()
        {
            DateOnly today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            lock (gate)
            {
                return store.TryTakeApiCall(workspace, today, budget);
            }
        }
    }
}
