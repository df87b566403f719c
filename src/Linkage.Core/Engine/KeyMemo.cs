using System.Collections.Concurrent;
using Linkage.Core.Normalisation;

namespace Linkage.Core.Engine;

/// <summary>
/// Remembers how participants' raw emails and phones normalised. The same people — the company's own reps
/// above all — are on most activities, and a phone parse costs far more than a hash look-up. Bounded, so
/// memory does not grow with the number of activities; results are identical with or without it.
/// </summary>
internal sealed class KeyMemo(string defaultRegion, int capacity)
{
    // Many stripes: both cores insert at once while the memo fills.
    private readonly ConcurrentDictionary<string, EmailAddress?> _emails = new(64, 1024, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Raw, string? Region), string?> _phones = new(64, 1024);
    private readonly ConcurrentDictionary<string, string?> _registrable = new(64, 1024, StringComparer.Ordinal);
    private int _size;

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
        if (Volatile.Read(ref _size) < capacity && _emails.TryAdd(raw, parsed))
        {
            Interlocked.Increment(ref _size);
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
