using System.Collections.Concurrent;

namespace Linkage.Crm;

/// <summary>
/// Answers per E.164 number. Found records are kept for the process (they are CRM records like any in the
/// snapshot); "nobody has this number" expires, because someone may add the contact tomorrow. Misses can
/// be loaded from and saved to a store, so that they hold across runs.
/// </summary>
public sealed class LookupCache(TimeProvider time, TimeSpan? negativeTtl = null)
{
    private readonly ConcurrentDictionary<string, (CrmAnswer Answer, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string PhoneE164, DateTimeOffset Until)> _newMisses = new();

    public TimeSpan NegativeTtl { get; } = negativeTtl ?? TimeSpan.FromHours(24);

    public bool TryGet(string phoneE164, out CrmAnswer answer)
    {
        if (_entries.TryGetValue(phoneE164, out var entry) && time.GetUtcNow() < entry.Expires)
        {
            answer = entry.Answer;
            return true;
        }

        answer = CrmAnswer.Empty;
        return false;
    }

    public void Put(string phoneE164, CrmAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        DateTimeOffset expires = answer.IsEmpty ? time.GetUtcNow() + NegativeTtl : DateTimeOffset.MaxValue;
        _entries[phoneE164] = (answer, expires);
        if (answer.IsEmpty)
        {
            _newMisses.Enqueue((phoneE164, expires));
        }
    }

    /// <summary>A miss remembered by an earlier run, valid until <paramref name="until"/>.</summary>
    public void Remember(string phoneE164, DateTimeOffset until) => _entries.TryAdd(phoneE164, (CrmAnswer.Empty, until));

    /// <summary>Misses learnt since the last call, to be saved.</summary>
    public IReadOnlyList<(string PhoneE164, DateTimeOffset Until)> TakeNewMisses()
    {
        var taken = new List<(string, DateTimeOffset)>();
        while (_newMisses.TryDequeue(out var miss))
        {
            taken.Add(miss);
        }

        return taken;
    }
}
