namespace Linkage.Generator;

/// <summary>
/// A tiny deterministic random source (SplitMix64). Every generated record seeds its own from
/// (world seed, kind, index), so any record can be rebuilt alone and the world streams at any size.
/// </summary>
internal struct SplitMix
{
    private ulong _state;

    public SplitMix(ulong seed, ulong kind, long index) =>
        _state = Mix(seed ^ Mix(kind * 0x9E3779B97F4A7C15UL) ^ Mix((ulong)index + 0x632BE59BD9B4E019UL));

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A number in [0, n).</summary>
    public int Below(int n) => (int)(Next() % (ulong)n);

    public long Below(long n) => (long)(Next() % (ulong)n);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => (Next() >> 11) * (1.0 / (1UL << 53)) < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
