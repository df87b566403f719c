using System.Numerics;
using System.Runtime.CompilerServices;

namespace Linkage.Core.Index;

/// <summary>
/// The index's hash table from a normalised key to its slot, built once per snapshot and then only read.
/// Open addressing with linear probing; each entry holds the key's hash, the key and the slot itself. A
/// look-up at a million keys is cache misses, not arithmetic: a <see cref="Dictionary{TKey,TValue}"/> reads
/// a bucket, then an entry, then the key's string; here the first probe lands on the entry itself (hash and
/// slot inline), and the key's string is the only other read.
/// </summary>
/// <remarks>Not thread-safe while it is filled; any number of readers once it is.</remarks>
internal sealed class KeyTable<TValue>
{
    // At most three quarters full: a miss (most participants are not in the CRM) stops at the first empty
    // entry, and with linear probing the run it walks grows quickly past that.
    private const int MaxLoadPercent = 75;

    private Entry[] _entries;
    private int _mask;

    public KeyTable(int capacity)
    {
        int size = SizeFor(capacity);
        _entries = new Entry[size];
        _mask = size - 1;
    }

    public int Count { get; private set; }

    /// <summary>Every slot, in table order (which depends on the process's string hashing: only for order-free work).</summary>
    public IEnumerable<TValue> Values
    {
        get
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                if (_entries[i].Hash != 0)
                {
                    yield return _entries[i].Value;
                }
            }
        }
    }

    /// <summary>The slot of <paramref name="key"/>, added (as default) when the table does not have it yet.</summary>
    public ref TValue GetOrAdd(string key) => ref GetOrAdd(key, key);

    /// <summary>As <see cref="GetOrAdd(string)"/>; the key becomes a string only when it is new.</summary>
    public ref TValue GetOrAdd(ReadOnlySpan<char> key) => ref GetOrAdd(key, null);

    private ref TValue GetOrAdd(ReadOnlySpan<char> key, string? keyString)
    {
        int hash = HashOf(key);
        int i = hash & _mask;
        while (_entries[i].Hash != 0)
        {
            if (_entries[i].Hash == hash && Matches(in _entries[i], key))
            {
                return ref _entries[i].Value;
            }

            i = (i + 1) & _mask;
        }

        if ((long)(Count + 1) * 100 > (long)_entries.Length * MaxLoadPercent)
        {
            Grow();
            i = hash & _mask;
            while (_entries[i].Hash != 0)
            {
                i = (i + 1) & _mask;
            }
        }

        ref Entry added = ref _entries[i];
        added.Hash = hash;
        added.Key = keyString ?? key.ToString();
        Count++;
        return ref added.Value;
    }

    /// <summary>The slot of <paramref name="key"/>, or the default slot when the table does not have it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TValue? GetValueOrDefault(ReadOnlySpan<char> key)
    {
        ref Entry entry = ref Find(key);
        return Unsafe.IsNullRef(ref entry) ? default : entry.Value;
    }

    /// <summary>As <see cref="GetValueOrDefault(ReadOnlySpan{char})"/>, with the key's <see cref="Hash"/> already at hand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TValue? GetValueOrDefault(ReadOnlySpan<char> key, int hash)
    {
        ref Entry entry = ref Find(key, hash);
        return Unsafe.IsNullRef(ref entry) ? default : entry.Value;
    }

    public bool ContainsKey(ReadOnlySpan<char> key) => !Unsafe.IsNullRef(ref Find(key));

    /// <summary>The hash a look-up of <paramref name="key"/> starts from; see <see cref="Prefetch"/>.</summary>
    public static int Hash(ReadOnlySpan<char> key) => HashOf(key);

    /// <summary>
    /// Asks the processor to start loading the entry where a look-up of this hash begins. A participant's
    /// look-up is a cache miss that the next instructions wait for; asked for every participant of an
    /// activity before the first is looked up, the misses overlap instead of following one another. Only a
    /// hint: where the processor has no such instruction it does nothing, and the result never depends on it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int hash) => CacheHint.Prefetch(ref _entries[hash & _mask]);

    /// <summary>
    /// The second step of <see cref="Prefetch"/>, once its entry has had time to arrive: when the entry where
    /// the probe begins holds this hash, asks for the key it compares and the value the look-up returns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchContents(int hash)
    {
        if (!CacheHint.IsAvailable)
        {
            return;
        }

        ref Entry entry = ref _entries[hash & _mask];
        if (entry.Hash == hash)
        {
            CacheHint.Prefetch(entry.Key);
            if (!typeof(TValue).IsValueType)
            {
                CacheHint.Prefetch(entry.Value);
            }
        }
    }

    private ref Entry Find(ReadOnlySpan<char> key) => ref Find(key, HashOf(key));

    private ref Entry Find(ReadOnlySpan<char> key, int hash)
    {
        Entry[] entries = _entries;
        int i = hash & _mask;
        while (true)
        {
            ref Entry entry = ref entries[i];
            if (entry.Hash == hash && Matches(in entry, key))
            {
                return ref entry;
            }

            if (entry.Hash == 0)
            {
                return ref Unsafe.NullRef<Entry>();
            }

            i = (i + 1) & _mask;
        }
    }

    private static bool Matches(in Entry entry, ReadOnlySpan<char> key) => key.SequenceEqual(entry.Key);

    // Never 0, which marks an empty entry. The runtime's string hash is seeded per process: a CRM cannot be
    // crafted to collide, and nothing observable depends on where a key lands.
    private static int HashOf(ReadOnlySpan<char> key) => string.GetHashCode(key) | int.MinValue;

    private static int SizeFor(int count) =>
        (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, (long)count * 100 / MaxLoadPercent + 1));

    private void Grow()
    {
        Entry[] old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        foreach (Entry entry in old)
        {
            if (entry.Hash != 0)
            {
                int i = entry.Hash & _mask;
                while (_entries[i].Hash != 0)
                {
                    i = (i + 1) & _mask;
                }

                _entries[i] = entry;
            }
        }
    }

    private struct Entry
    {
        public int Hash;
        public string Key;
        public TValue Value;
    }
}

