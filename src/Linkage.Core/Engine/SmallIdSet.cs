namespace Linkage.Core.Engine;

/// <summary>
/// A set of the handful of ids one activity gathers. At this size a linear scan beats hashing and a sorted
/// tree, and the set is sorted once, when the result is built.
/// </summary>
internal sealed class SmallIdSet
{
    // Made on first add: several of an activity's sets stay empty.
    private string[] _items = [];

    public int Count { get; private set; }

    public string this[int index] => _items[index];

    /// <summary>Adds <paramref name="id"/>; false when it was already there.</summary>
    public bool Add(string id)
    {
        if (Contains(id))
        {
            return false;
        }

        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _items.Length * 2));
        }

        _items[Count++] = id;
        return true;
    }

    /// <summary>Empties the set, keeping its storage for the next activity.</summary>
    public void Clear() => Count = 0;

    public bool Contains(string id)
    {
        for (int i = 0; i < Count; i++)
        {
            if (string.Equals(_items[i], id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public string[] ToSortedArray()
    {
        if (Count == 0)
        {
            return [];
        }

        string[] sorted = _items[..Count];
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}
