namespace Linkage.Formats.Salesforce;

/// <summary>
/// Salesforce record ids come as 15 case-sensitive characters (reports, the UI) or 18 (the API, Data Loader),
/// the last three a checksum of the letters' case. Both name the same record, so every id is written in
/// its 18-character form before records are joined.
/// </summary>
public static class SalesforceId
{
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>
    /// The 18-character form of a 15- or 18-character id (an 18-character id's suffix is case-insensitive, so
    /// it is rewritten too); anything else is returned trimmed, as written.
    /// </summary>
    public static string Normalise(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        string s = id.Trim();
        if (s.Length is not (15 or 18) || !s.All(char.IsAsciiLetterOrDigit))
        {
            return s;
        }

        string suffix = Suffix(s.AsSpan(0, 15));
        if (s.Length == 15)
        {
            return s + suffix;
        }

        return s.AsSpan(15).Equals(suffix, StringComparison.OrdinalIgnoreCase) ? string.Concat(s.AsSpan(0, 15), suffix) : s;
    }

    /// <summary><see cref="Normalise(string)"/>, for an optional reference field.</summary>
    public static string? NormaliseOptional(string? id) => string.IsNullOrWhiteSpace(id) ? null : Normalise(id);

    private static string Suffix(ReadOnlySpan<char> id15)
    {
        Span<char> suffix = stackalloc char[3];
        for (int block = 0; block < 3; block++)
        {
            int bits = 0;
            for (int i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[(block * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix[block] = SuffixAlphabet[bits];
        }

        return new string(suffix);
    }
}
