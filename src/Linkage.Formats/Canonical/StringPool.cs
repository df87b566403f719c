namespace Linkage.Formats.Canonical;

/// <summary>
/// Equal strings read from one document become one instance. A million-contact CRM repeats its account ids
/// (every contact and deal names its account), regions, deal stages and people's names; each copy would be
/// a separate string that lives, and is promoted through every generation, for the whole run. One instance
/// also lets the engine's compares of equal ids succeed on reference equality.
/// </summary>
internal sealed class StringPool
{
    /// <summary>
    /// Longer values are not pooled: the repeated ones are short, and a value is decoded into a stack buffer
    /// of this many characters to be looked up without allocating.
    /// </summary>
    public const int MaxLength = 64;

    private readonly HashSet<string> strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly int capacity;

    /// <param name="capacity">
    /// How many distinct values are kept; past it a new value is still returned, just not remembered, so a
    /// field whose values are all different costs a look-up per value rather than an ever-growing set.
    /// </param>
    public StringPool(int capacity)
    {
        this.capacity = capacity;
        lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => strings.Count;

    /// <summary>The pooled instance equal to <paramref name="chars"/>, created (and remembered, room allowing) on first sight.</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        if (lookup.TryGetValue(chars, out string? pooled))
        {
            return pooled;
        }

        string value = new(chars);
        if (strings.Count < capacity)
        {
            strings.Add(value);
        }

        return value;
    }
}
