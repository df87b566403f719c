using System.Text;
using Linkage.Formats.Gong;
using Linkage.Formats.Text;
using Linkage.Formats.Twilio;

namespace Linkage.Formats.Sources;

/// <summary>
/// Tells an activity file's format from its extension and, where the extension leaves a doubt (or is
/// missing), from its first bytes. The rules are listed in docs/formats.md.
/// </summary>
public static class ActivityFormatDetector
{
    private const int HeadBytes = 1 << 14;

    /// <summary>The file's format, or null when it is none Linkage reads.</summary>
    public static ActivityFormat? Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        switch (System.IO.Path.GetExtension(path).ToLowerInvariant())
        {
            case ".jsonl" or ".ndjson":
                return ActivityFormat.Canonical;
            case ".eml":
                return ActivityFormat.Eml;
            case ".mbox" or ".mbx":
                return ActivityFormat.Mbox;
            case ".ics" or ".ical" or ".icalendar":
                return ActivityFormat.Ics;
            case ".csv":
                return CsvTable.PeekHeaders(path) is { } headers && TwilioCallLogSource.LooksLikeTwilio(headers) ? ActivityFormat.Twilio : null;
            default:
                return FromContent(path);
        }
    }

    private static ActivityFormat? FromContent(string path)
    {
        byte[] head = Head(path);
        ReadOnlySpan<byte> text = head.AsSpan();
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = text[3..];
        }

        text = text.TrimStart(" \t\r\n"u8);
        if (text.StartsWith("{"u8) || text.StartsWith("["u8))
        {
            // Canonical activities are one object per line; a Gong response is one document with calls[].
            return GongCallsSource.LooksLikeGong(text) ? ActivityFormat.Gong : ActivityFormat.Canonical;
        }

        if (text.StartsWith("BEGIN:VCALENDAR"u8))
        {
            return ActivityFormat.Ics;
        }

        if (text.StartsWith("From "u8))
        {
            return ActivityFormat.Mbox;
        }

        if (LooksLikeMessageHeaders(Encoding.Latin1.GetString(text)))
        {
            return ActivityFormat.Eml;
        }

        return CsvTable.PeekHeaders(path) is { } headers && TwilioCallLogSource.LooksLikeTwilio(headers) ? ActivityFormat.Twilio : null;
    }

    /// <summary>A header block that names a sender, recipient, date or message id before its first blank line.</summary>
    private static bool LooksLikeMessageHeaders(string head)
    {
        string[] known = ["from:", "to:", "date:", "message-id:", "subject:", "received:", "return-path:", "mime-version:", "delivered-to:"];
        int fields = 0;
        foreach (string line in head.Split('\n'))
        {
            string l = line.TrimEnd('\r');
            if (l.Length == 0)
            {
                break;
            }

            if (l[0] is ' ' or '\t')
            {
                continue;
            }

            int colon = l.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || l[..colon].Contains(' ', StringComparison.Ordinal))
            {
                return false;
            }

            fields += known.Any(k => l.StartsWith(k, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
        }

        return fields >= 2;
    }

    private static byte[] Head(string path)
    {
        try
        {
            using FileStream stream = InputFiles.OpenForReading(path);
            byte[] buffer = new byte[HeadBytes];
            int n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return buffer[..n];
        }
        catch (InputException)
        {
            return [];
        }
    }
}
