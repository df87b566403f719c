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
        return text is not null && TryParseInstant(text.AsSpan(), requireOffset, out value);
    }

    /// <summary>As <see cref="TryParseInstant(string?, bool, out DateTimeOffset)"/>, for text not (yet) in a string of its own.</summary>
    public static bool TryParseInstant(ReadOnlySpan<char> text, bool requireOffset, out DateTimeOffset value)
    {
        value = default;
        ReadOnlySpan<char> s = text.Trim();
        if (s.IsEmpty)
        {
            return false;
        }

        if (TryParseCommonForm(s, out value))
        {
            return true;
        }

        int t = s.IndexOfAny('T', 't', ' ');
        if (t < 0)
        {
            if (requireOffset || !DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                return false;
            }

            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        if (requireOffset && !HasOffset(s[t..]))
        {
            return false;
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>A calendar date; a full timestamp is accepted and its own (local) date taken.</summary>
    public static bool TryParseDate(string? text, out DateOnly value)
    {
        value = default;
        return text is not null && TryParseDate(text.AsSpan(), out value);
    }

    /// <summary>As <see cref="TryParseDate(string?, out DateOnly)"/>, for text not (yet) in a string of its own.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        value = default;
        ReadOnlySpan<char> s = text.Trim();
        if (s.IsEmpty)
        {
            return false;
        }

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

    /// <summary>
    /// The form nearly every activity carries, <c>2026-02-10T15:00:00Z</c> or <c>…T15:00:00.123-08:00</c>,
    /// read by position: general ISO parsing costs several times more and runs once per activity.
    /// </summary>
    private static bool TryParseCommonForm(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
            !Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day) ||
            !Digits(s, 11, 2, out int hour) || !Digits(s, 14, 2, out int minute) || !Digits(s, 17, 2, out int second))
        {
            return false;
        }

        int i = 19;
        long ticks = 0;
        if (s[i] == '.')
        {
            int start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (i - start < 7)
                {
                    ticks = (ticks * 10) + (s[i] - '0');
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }

            for (int scale = Math.Min(i - start, 7); scale < 7; scale++)
            {
                ticks *= 10;
            }
        }

        TimeSpan offset;
        if (i == s.Length - 1 && s[i] is 'Z' or 'z')
        {
            offset = TimeSpan.Zero;
        }
        else if (i == s.Length - 6 && s[i] is '+' or '-' && s[i + 3] == ':' &&
                 Digits(s, i + 1, 2, out int oh) && Digits(s, i + 4, 2, out int om) && oh <= 14 && om < 60)
        {
            offset = new TimeSpan(oh, om, 0) * (s[i] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        // Anything unusual (a leap second, an offset past ±14:00, the calendar's edges) goes to the general parser.
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59 || offset.Duration() > TimeSpan.FromHours(14))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int number)
    {
        number = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            number = (number * 10) + (s[i] - '0');
        }

        return true;
    }

    private static bool HasOffset(ReadOnlySpan<char> timePart) =>
        timePart.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || timePart.LastIndexOfAny('+', '-') > 0;
}
