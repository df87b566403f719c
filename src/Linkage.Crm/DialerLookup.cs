using System.Collections.Concurrent;
using Linkage.Core.Engine;
using Linkage.Core.Model;

namespace Linkage.Crm;

/// <summary>What happened to a look-up that did not simply succeed (its code is one of <see cref="LookupOutcomes"/>).</summary>
public sealed record DialerEvent(string Code, string PhoneE164, string Message);

/// <summary>
/// The engine's dialer seam over a live <see cref="ICrmDirectory"/>, for one association run: a per-run
/// budget, the shared daily budget, the shared cache, and one stop for the run when the token is refused.
/// Thread-safe, since runs may associate activities in parallel.
/// </summary>
public sealed class DialerLookup(ICrmDirectory directory, IDailyQuota daily, LookupCache cache, int runBudget,
    TimeSpan? lookupTimeout = null) : IDialerLookup
{
    private readonly ConcurrentQueue<DialerEvent> _events = new();
    // Activities associated in parallel often share a number: one request answers all who ask at once.
    private readonly ConcurrentDictionary<string, Lazy<DialerLookupResult>> _inFlight = new(StringComparer.Ordinal);
    private int _runUsed;
    private int _authFailed;

    public int RunBudget => runBudget;

    /// <summary>Requests this run has sent.</summary>
    public int ApiCalls => Volatile.Read(ref _runUsed);

    /// <summary>True once the CRM refused the token; no further requests are made in this run.</summary>
    public bool Stopped => Volatile.Read(ref _authFailed) != 0;

    public IReadOnlyList<DialerEvent> Events => [.. _events];

    public DialerLookupResult Lookup(string phoneE164, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(phoneE164);
        if (cache.TryGet(phoneE164, out CrmAnswer cached))
        {
            return new DialerLookupResult(cached.Contacts, cached.Leads, ApiCalls: 0);
        }

        if (Stopped)
        {
            return DialerLookupResult.Failed(LookupOutcomes.AuthFailed, 0);
        }

        bool asked = false;
        Lazy<DialerLookupResult> shared = _inFlight.GetOrAdd(phoneE164, number =>
            new Lazy<DialerLookupResult>(() =>
            {
                asked = true;
                return LookupNow(number);
            }, LazyThreadSafetyMode.ExecutionAndPublication));
        DialerLookupResult result = shared.Value;
        _inFlight.TryRemove(KeyValuePair.Create(phoneE164, shared));
        // Exactly one caller ran the look-up and reports its cost; the others waited for its answer.
        return asked ? result : result with { ApiCalls = 0 };
    }

    private DialerLookupResult LookupNow(string phoneE164)
    {
        var gate = new RequestGate(TryTake);
        try
        {
            using var timeout = new CancellationTokenSource(lookupTimeout ?? TimeSpan.FromMinutes(2));
            // The seam is synchronous (the engine is pure and has no async path); no synchronisation context
            // exists in the command line or the tests, so blocking here cannot deadlock.
            CrmAnswer answer = directory.FindByPhoneAsync(phoneE164, gate, timeout.Token).GetAwaiter().GetResult();
            cache.Put(phoneE164, answer);
            return new DialerLookupResult(answer.Contacts, answer.Leads, gate.Requests);
        }
        catch (QuotaExhaustedException)
        {
            return Fail(LookupOutcomes.QuotaExhausted, phoneE164, gate,
                $"the CRM API-call budget is spent (run {runBudget}, day {daily.Budget}); the number was not looked up");
        }
        catch (CrmAuthException e)
        {
            // One message for the run, however many look-ups were in flight when the token was refused.
            if (Interlocked.Exchange(ref _authFailed, 1) == 0)
            {
                Record(LookupOutcomes.AuthFailed, phoneE164, e.Message + "; no further look-ups in this run");
            }

            return DialerLookupResult.Failed(LookupOutcomes.AuthFailed, gate.Requests);
        }
        catch (CrmResponseException e)
        {
            return Fail(LookupOutcomes.Malformed, phoneE164, gate, e.Message);
        }
        catch (CrmUnavailableException e)
        {
            return Fail(LookupOutcomes.Unavailable, phoneE164, gate, e.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(LookupOutcomes.Unavailable, phoneE164, gate, "the look-up took longer than its limit");
        }
    }

    /// <summary>Spent requests are reported even when the look-up failed: the quota was used all the same.</summary>
    private DialerLookupResult Fail(string code, string phoneE164, RequestGate gate, string message)
    {
        Record(code, phoneE164, message);
        return DialerLookupResult.Failed(code, gate.Requests);
    }

    /// <summary>Takes one call from the run's budget and the day's; neither is ever exceeded, also in parallel.</summary>
    private bool TryTake()
    {
        if (Interlocked.Increment(ref _runUsed) > runBudget)
        {
            Interlocked.Decrement(ref _runUsed);
            return false;
        }

        if (!daily.TryTake())
        {
            Interlocked.Decrement(ref _runUsed);
            return false;
        }

        return true;
    }

    private void Record(string code, string phoneE164, string message) => _events.Enqueue(new DialerEvent(code, phoneE164, message));
}
