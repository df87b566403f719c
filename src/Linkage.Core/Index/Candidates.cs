namespace Linkage.Core.Index;

/// <summary>
/// The records one key found, best first. Most keys find exactly one record, which is held without an
/// array: one pointer less to follow per look-up, and one object less per key for the collector.
/// </summary>
public readonly struct Candidates<T>
    where T : class
{
    private readonly T? _one;
    private readonly T[]? _many;

    internal Candidates(T? one, T[]? many)
    {
        _one = one;
        _many = many;
    }

    public int Length => _many is { } many ? many.Length : _one is null ? 0 : 1;

    public T this[int index] =>
        _many is { } many ? many[index] : index == 0 && _one is { } one ? one : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The best candidate, or null when the key found none.</summary>
    public T? Best => _many is { } many ? many[0] : _one;

    public T[] ToArray() => _many is { } many ? [.. many] : _one is { } one ? [one] : [];
}
