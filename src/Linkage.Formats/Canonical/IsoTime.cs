using System.Globalization;

namespace Linkage.Formats.Canonical;

/// <summary>ISO 8601 times and dates as formats.md writes them.</summary>
public static class IsoTime
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    /// <summary>
    /// Parses an instant. With <paramref name="requireOffset"/> a time without <c>Z</c> or <c>±hh:mm</c> is refused
    /// (an activity's time must be unambiguous); otherwise such a time, or a bare date, is taken as UTC.
    /// </summary>
    public static bool TryParseInstant(string? text, bool requireOffset, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string s = text.Trim();
        int t = s.IndexOfAny(['T', 't', ' ']);
        if (t < 0)
        {
            if (requireOffset || !DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                return false;
            }

            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        if (requireOffset && !HasOffset(s.AsSpan(t)))
        {
            return false;
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>A calendar date; a full timestamp is accepted and its own (local) date taken.</summary>
    public static bool TryParseDate(string? text, out DateOnly value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string s = text.Trim();
        if (DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        if (TryParseInstant(s, requireOffset: false, out DateTimeOffset instant))
        {
            value = DateOnly.FromDateTime(instant.DateTime);
            return true;
        }

        return false;
    }

    private static bool HasOffset(ReadOnlySpan<char> timePart) =>
        timePart.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || timePart.LastIndexOfAny('+', '-') > 0;
}
