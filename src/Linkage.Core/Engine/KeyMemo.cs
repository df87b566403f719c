using System.Collections.Concurrent;
using Linkage.Core.Normalisation;

namespace Linkage.Core.Engine;

/// <summary>
/// Remembers how participants' raw emails and phones normalised. The same people — the company's own reps
/// above all — are on most activities, and a phone parse costs far more than a hash look-up. Bounded, so
/// memory does not grow with the number of activities; results are identical with or without it.
/// Emails have a budget of their own, kept small: an email parses in ~0.2 µs, about what a memo look-up
/// that misses costs at a million distinct addresses, and filling a large memo (a node and a parsed address
/// per entry, all surviving into the oldest generation) cost more than the hits returned — at 1M contacts
/// the first pass ran at 109–120k activities/s per core with 262,144 email entries against 145–169k with
/// 0–2,048 (docs/performance.md). The few thousand first seen still cover the company's own reps, who are
/// on most activities.
/// </summary>
internal sealed class KeyMemo(string defaultRegion, int capacity, int emailCapacity)
{
    // Many stripes: both cores insert at once while the memo fills.
    private readonly ConcurrentDictionary<string, EmailAddress?> _emails = new(64, 1024, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Raw, string? Region), string?> _phones = new(64, 1024);
    private readonly ConcurrentDictionary<string, string?> _registrable = new(64, 1024, StringComparer.Ordinal);
    private int _size;
    private int _emailSize;

    public EmailAddress? Email(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (_emails.TryGetValue(raw, out EmailAddress? known))
        {
            return known;
        }

        EmailAddress? parsed = EmailAddress.TryParse(raw, out EmailAddress email) ? email : null;
        if (Volatile.Read(ref _emailSize) < emailCapacity && _emails.TryAdd(raw, parsed))
        {
            Interlocked.Increment(ref _emailSize);
        }

        return parsed;
    }

    /// <summary>The host's registrable domain (null when the host is a public suffix).</summary>
    public string? RegistrableDomain(string host, ClassificationRules rules)
    {
        if (_registrable.TryGetValue(host, out string? known))
        {
            return known;
        }

        string? registrable = rules.RegistrableDomain(host);
        if (Volatile.Read(ref _size) < capacity && _registrable.TryAdd(host, registrable))
        {
            Interlocked.Increment(ref _size);
        }

        return registrable;
    }

    public string? Phone(string? raw, string? region)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (_phones.TryGetValue((raw, region), out string? known))
        {
            return known;
        }

        string? parsed = PhoneNumber.TryNormalise(raw, region, defaultRegion, out string e164) ? e164 : null;
        if (Volatile.Read(ref _size) < capacity && _phones.TryAdd((raw, region), parsed))
        {
            Interlocked.Increment(ref _size);
        }

        return parsed;
    }
}
