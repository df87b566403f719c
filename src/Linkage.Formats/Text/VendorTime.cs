using System.Globalization;
using System.Text.RegularExpressions;

namespace Linkage.Formats.Text;

/// <summary>
/// Times and dates as CRM exports and call logs write them: ISO 8601 (with or without an offset, with
/// Salesforce's <c>+0000</c>), US-style <c>M/d/yyyy h:mm tt</c>, <c>yyyy-MM-dd HH:mm</c>, RFC 2822
/// (<c>Tue, 10 Feb 2026 15:00:00 +0000</c>), and Unix epoch milliseconds or seconds. A time without an
/// offset is taken as UTC: exports do not say which zone they were written in, and UTC is what Salesforce's
/// Data Loader and HubSpot's API use.
/// </summary>
public static partial class VendorTime
{
    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
        "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yy h:mm tt", "M/d/yy H:mm",
        "ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm zzz",
        "ddd MMM d HH:mm:ss zzz yyyy",
        "yyyy-MM-dd", "M/d/yyyy", "M/d/yy",
    ];

    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "M/d/yyyy", "M/d/yy", "d MMM yyyy", "MMM d, yyyy"];

    public static bool TryParseInstant(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string s = text.Trim();
        if (s.Length >= 9 && s.All(char.IsAsciiDigit))
        {
            return TryEpoch(s, out value);
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParseExact(s, IsoFormats, CultureInfo.InvariantCulture, styles, out value))
        {
            // The common case, and the one a large export repeats a million times: no rewriting needed.
            return true;
        }

        s = NormaliseZone(s);
        return DateTimeOffset.TryParseExact(s, InstantFormats, CultureInfo.InvariantCulture, styles, out value)
            || DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, styles, out value);
    }

    /// <summary>A calendar date; a timestamp is accepted and its date as written is taken.</summary>
    public static bool TryParseDate(string? text, out DateOnly value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string s = text.Trim();
        if (DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value))
        {
            return true;
        }

        if (TryParseInstant(s, out DateTimeOffset instant))
        {
            // Epoch values are instants; a written timestamp's own date is the date its writer meant.
            value = DateOnly.FromDateTime(s.All(char.IsAsciiDigit) ? instant.UtcDateTime : instant.DateTime);
            return true;
        }

        return false;
    }

    private static bool TryEpoch(string digits, out DateTimeOffset value)
    {
        value = default;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
        {
            return false;
        }

        try
        {
            // HubSpot writes milliseconds (13 digits today); 9 or 10 digits can only be seconds.
            value = digits.Length >= 11 ? DateTimeOffset.FromUnixTimeMilliseconds(n) : DateTimeOffset.FromUnixTimeSeconds(n);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>Writes zones the way .NET parses them: <c>+0000</c> → <c>+00:00</c>, <c>UTC</c>/<c>GMT</c> → <c>+00:00</c>.</summary>
    private static string NormaliseZone(string s)
    {
        s = NamedUtc().Replace(s, "+00:00");
        return CompactOffset().Replace(s, "$1$2:$3");
    }

    [GeneratedRegex(@"(?<=\d)\s*(?:Z|UTC|GMT|UT)$|\s+(?:UTC|GMT|UT)(?=\s+\d{4}$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedUtc();

    [GeneratedRegex(@"(?<=\d\s?)([+-])(\d{2})(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactOffset();
}
