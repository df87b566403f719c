using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Linkage.Core.Model;
using Linkage.Formats.Sources;

namespace Linkage.Formats.Calendar;

/// <summary>
/// An iCalendar file, read with Ical.Net: each occurrence of each event inside the calendar window becomes
/// a meeting with the organizer and attendees as participants. A single event's id is its UID; an
/// occurrence of a recurring series is <c>UID@start</c> (the start it was scheduled for, in UTC), so that
/// a moved occurrence keeps its id. Events are numbered from 1 in file order for reporting.
/// </summary>
public sealed class IcsSource(string path, CalendarWindow window) : IActivitySource
{
    private long _position;

    public string Path => path;

    public ActivityFormat Format => ActivityFormat.Ics;

    public long Length { get; } = InputFiles.LengthOf(path);

    public long Position => _position;

    public IEnumerable<SourceItem> Read()
    {
        CalendarCollection? calendars = Load(out string? problem);
        _position = Length;
        if (calendars is null)
        {
            yield return SourceItem.Malformed(SourceLocation.WholeFile(path), problem!);
            yield break;
        }

        var numbers = new Dictionary<CalendarEvent, long>(ReferenceEqualityComparer.Instance);
        foreach (CalendarEvent e in calendars.SelectMany(c => c.Events))
        {
            numbers[e] = numbers.Count + 1;
            if (e.DtStart is null)
            {
                yield return SourceItem.Malformed(At(numbers[e]), $"event {e.Uid ?? "without UID"} has no DTSTART");
            }
        }

        var from = window.From is { } f ? new CalDateTime(f.UtcDateTime, CalDateTime.UtcTzId) : null;
        var end = new CalDateTime(window.End.UtcDateTime, CalDateTime.UtcTzId);
        foreach (Ical.Net.Calendar calendar in calendars)
        {
            foreach (Occurrence occurrence in calendar.GetOccurrences<CalendarEvent>(from).TakeWhileBefore(end))
            {
                var e = (CalendarEvent)occurrence.Source;
                DateTimeOffset start = Instant(occurrence.Period.StartTime);
                if (!window.Contains(start) || string.Equals(e.Status, EventStatus.Cancelled, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                yield return SourceItem.Parsed(At(numbers.GetValueOrDefault(e)), Map(e, start));
            }
        }
    }

    private SourceLocation At(long eventNumber) => new(path, "event", eventNumber);

    private static Activity Map(CalendarEvent e, DateTimeOffset start)
    {
        string uid = string.IsNullOrWhiteSpace(e.Uid) ? HashId(e) : e.Uid.Trim();
        bool recurring = e.RecurrenceRule is not null || e.RecurrenceDates.GetAllDates().Any() || e.RecurrenceIdentifier is not null;
        DateTimeOffset scheduled = e.RecurrenceIdentifier?.StartTime is { } original ? Instant(original) : start;
        var participants = new List<Participant>();
        if (Email(e.Organizer?.Value) is { } organizer)
        {
            participants.Add(new Participant { Email = organizer, Name = Blank(e.Organizer!.CommonName), Role = "organizer" });
        }

        foreach (Attendee a in e.Attendees)
        {
            // Rooms and equipment are invited like people but are nobody to link; a declined invitation is
            // someone who was not there.
            if (a.Type?.ToUpperInvariant() is "ROOM" or "RESOURCE" ||
                string.Equals(a.ParticipationStatus, "DECLINED", StringComparison.OrdinalIgnoreCase) ||
                Email(a.Value) is not { } email)
            {
                continue;
            }

            participants.Add(new Participant { Email = email, Name = Blank(a.CommonName), Role = "attendee" });
        }

        return new Activity
        {
            Id = recurring ? $"{uid}@{scheduled.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}" : uid,
            Type = ActivityType.Meeting,
            OccurredAt = start,
            Participants = participants,
        };
    }

    /// <summary>A floating time (no zone) or a date is taken as UTC: the file does not say where it was meant.</summary>
    private static DateTimeOffset Instant(CalDateTime t) => new(DateTime.SpecifyKind(t.AsUtc, DateTimeKind.Utc), TimeSpan.Zero);

    private static string? Email(Uri? uri)
    {
        if (uri is null)
        {
            return null;
        }

        string s = uri.OriginalString.Trim();
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[7..];
        }

        return s.Contains('@', StringComparison.Ordinal) ? Uri.UnescapeDataString(s) : null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string HashId(CalendarEvent e)
    {
        string text = $"{e.DtStart}\n{e.Summary}\n{e.Organizer?.Value}";
        return "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    private CalendarCollection? Load(out string? problem)
    {
        problem = null;
        try
        {
            using FileStream stream = InputFiles.OpenForReading(path);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            CalendarCollection calendars = CalendarCollection.Load(reader);
            if (calendars.Count == 0)
            {
                problem = "no VCALENDAR in the file";
                return null;
            }

            return calendars;
        }
        catch (InputException ex)
        {
            problem = ex.Problem;
            return null;
        }
        catch (Exception ex) when (ex is System.Runtime.Serialization.SerializationException or FormatException or ArgumentException or InvalidOperationException or IOException)
        {
            problem = $"not a readable iCalendar file: {ex.Message}";
            return null;
        }
    }
}
