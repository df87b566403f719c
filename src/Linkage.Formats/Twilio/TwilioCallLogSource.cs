using Linkage.Core.Model;
using Linkage.Formats.Sources;
using Linkage.Formats.Text;

namespace Linkage.Formats.Twilio;

/// <summary>
/// Twilio's call-log CSV export (the Console's "Download CSV", or the Calls resource written as CSV): one
/// row per call leg with <c>Sid</c>, <c>From</c>, <c>To</c>, <c>StartTime</c>, <c>Direction</c>… Each row
/// becomes a dialer call from the <c>From</c> number (the caller) to the <c>To</c> number (the callee).
/// </summary>
public sealed class TwilioCallLogSource(string path) : IActivitySource
{
    private static readonly string[] Required = ["Sid", "From", "To"];
    private static readonly string[] TimeColumns = ["StartTime", "Start Time", "DateCreated", "Date Created"];
    private CsvTable? _table;

    public string Path => path;

    public ActivityFormat Format => ActivityFormat.Twilio;

    public long Length { get; } = InputFiles.LengthOf(path);

    public long Position => _table?.Position ?? 0;

    /// <summary>Whether CSV headers are those of a Twilio call log.</summary>
    public static bool LooksLikeTwilio(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Required.All(h => headers.Contains(h, StringComparer.OrdinalIgnoreCase)) &&
            TimeColumns.Any(h => headers.Contains(h, StringComparer.OrdinalIgnoreCase));
    }

    public IEnumerable<SourceItem> Read()
    {
        using CsvTable table = CsvTable.Open(path);
        _table = table;
        if ((table.Missing(Required) ?? (TimeColumns.Any(table.Has) ? null : "StartTime")) is { } missing)
        {
            yield return SourceItem.Malformed(SourceLocation.WholeFile(path), $"missing header '{missing}' (the header row has: {string.Join(", ", table.Headers)})");
            yield break;
        }

        foreach (CsvRow row in table.Rows())
        {
            var at = new SourceLocation(path, "line", row.Line);
            (Activity? activity, string? problem) = row.Problem is { } broken ? (null, broken) : Map(row);
            yield return activity is not null ? SourceItem.Parsed(at, activity) : SourceItem.Malformed(at, problem!);
        }
    }

    private static (Activity? Activity, string? Problem) Map(CsvRow row)
    {
        if (row.Get("Sid") is not { } sid)
        {
            return (null, "missing Sid");
        }

        string? time = row.Get(TimeColumns);
        if (!VendorTime.TryParseInstant(time, out DateTimeOffset occurredAt))
        {
            return (null, time is null ? "missing StartTime" : $"StartTime '{time}' is not a time");
        }

        // Our own number is the From of a call we place and the To of one we receive. Legs Twilio dials for
        // a <Dial> (outbound-dial) may carry either side's number, so they say nothing.
        string direction = row.Get("Direction")?.ToLowerInvariant() ?? "";
        Affiliation from = direction is "outbound-api" or "trunking-originating" ? Affiliation.Internal : Affiliation.Unknown;
        Affiliation to = direction is "inbound" or "trunking-terminating" ? Affiliation.Internal : Affiliation.Unknown;
        var participants = new List<Participant>(2);
        if (Phone(row.Get("From")) is { } caller)
        {
            participants.Add(new Participant { Phone = caller, Name = row.Get("CallerName", "Caller Name"), Role = "caller", Affiliation = from });
        }

        if (Phone(row.Get("To")) is { } callee)
        {
            participants.Add(new Participant { Phone = callee, Role = "callee", Affiliation = to });
        }

        return (new Activity { Id = sid, Type = ActivityType.Call, OccurredAt = occurredAt, Dialer = true, Participants = participants }, null);
    }

    /// <summary>A telephone number; Twilio Client identities (<c>client:alice</c>) and SIP addresses are not.</summary>
    private static string? Phone(string? endpoint) =>
        endpoint is null || endpoint.Contains(':', StringComparison.Ordinal) ? null : endpoint;
}
