namespace Linkage.Crm;

/// <summary>The day's CRM API-call budget of a workspace, shared by every run that spends it.</summary>
public interface IDailyQuota
{
    int Budget { get; }

    /// <summary>Takes one call; false when the day's budget is spent. Never exceeds it, also in parallel.</summary>
    bool TryTake();
}

/// <summary>
/// The day's budget kept in this process only (tests, and callers without a store). A lock, not Interlocked,
/// because the day roll-over and the take must be one step.
/// </summary>
public sealed class DailyQuota(int budget, TimeProvider time) : IDailyQuota
{
    private readonly Lock _gate = new();
    private DateOnly _day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    private int _used;

    public int Budget => budget;

    public int Used
    {
        get
        {
            lock (_gate)
            {
                Roll();
                return _used;
            }
        }
    }

    public bool TryTake()
    {
        lock (_gate)
        {
            Roll();
            if (_used >= budget)
            {
                return false;
            }

            _used++;
            return true;
        }
    }

    private void Roll()
    {
        DateOnly today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _used = 0;
        }
    }
}
