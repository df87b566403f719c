namespace Linkage.Formats.Sources;

/// <summary>The activity formats Linkage reads.</summary>
public enum ActivityFormat
{
    /// <summary>formats.md's JSON Lines.</summary>
    Canonical,
    /// <summary>Gong's calls API response (<c>calls[]</c> with metaData, parties and context).</summary>
    Gong,
    /// <summary>One RFC 5322 message per file.</summary>
    Eml,
    /// <summary>A Unix mailbox of many messages.</summary>
    Mbox,
    /// <summary>An iCalendar file.</summary>
    Ics,
    /// <summary>Twilio's call-log CSV export.</summary>
    Twilio,
}

/// <summary>The names of <see cref="ActivityFormat"/> on the command line.</summary>
public static class ActivityFormatNames
{
    public static IReadOnlyList<string> All { get; } = ["canonical", "gong", "eml", "mbox", "ics", "twilio"];

    public static string Name(ActivityFormat format) => All[(int)format];

    public static bool TryParse(string? text, out ActivityFormat format)
    {
        int i = text is null ? -1 : Array.IndexOf([.. All], text.Trim().ToLowerInvariant());
        format = i < 0 ? default : (ActivityFormat)i;
        return i >= 0;
    }
}
