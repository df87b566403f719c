namespace Linkage.Formats.Canonical;

/// <summary>
/// A record's emails, phones or domains while it is read. Nearly every record has one of each or none, so
/// the first value is held inline and a list is made only for a second: a list per field per record was
/// ~90 bytes of garbage each, several hundred MB over a million-contact CRM.
/// </summary>
internal struct RecordStrings
{
    private string? first;
    private List<string>? more;

    public void Add(string value)
    {
        if (first is null)
        {
            first = value;
        }
        else
        {
            (more ??= []).Add(value);
        }
    }

    /// <summary>
    /// The values as an exact-size array: a million-contact CRM keeps two lists per record for the whole
    /// run, and a list object plus its spare capacity is three times the size of a one-element array.
    /// </summary>
    public readonly IReadOnlyList<string> ToArray()
    {
        if (first is null)
        {
            return [];
        }

        if (more is null)
        {
            return new[] { first };
        }

        var all = new string[more.Count + 1];
        all[0] = first;
        more.CopyTo(all, 1);
        return all;
    }
}
