namespace Linkage.Crm;

/// <summary>Admits HTTP requests while a budget allows and counts those admitted.</summary>
public sealed class RequestGate(Func<bool> tryTake)
{
    private int _requests;

    /// <summary>A gate without a budget, for callers that meter elsewhere.</summary>
    public static RequestGate Unlimited() => new(() => true);

    /// <summary>Requests admitted so far: the API calls to report.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Takes one request from the budget, or throws <see cref="QuotaExhaustedException"/>.</summary>
    public void Enter()
    {
        if (!tryTake())
        {
            throw new QuotaExhaustedException();
        }

        Interlocked.Increment(ref _requests);
    }
}
