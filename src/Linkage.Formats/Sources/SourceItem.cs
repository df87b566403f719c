using Linkage.Core.Model;
using Linkage.Formats.Canonical;

namespace Linkage.Formats.Sources;

/// <summary>
/// One item read from an activity source: its location and either an activity, the reason it could not be
/// read, or a canonical JSON line not decoded yet. Decoding canonical lines is left to <see cref="Decode"/>,
/// which is thread-safe, so the costly JSON parse runs in the caller's parallel stage rather than in the
/// single reading thread.
/// </summary>
public readonly struct SourceItem
{
    private readonly Activity? _activity;
    private readonly string? _problem;
    private readonly ReadOnlyMemory<byte> _canonicalLine;

    private SourceItem(SourceLocation location, Activity? activity, string? problem, ReadOnlyMemory<byte> canonicalLine)
    {
        Location = location;
        _activity = activity;
        _problem = problem;
        _canonicalLine = canonicalLine;
    }

    public SourceLocation Location { get; }

    public static SourceItem Parsed(SourceLocation location, Activity activity) => new(location, activity, null, default);

    public static SourceItem Malformed(SourceLocation location, string problem) => new(location, null, problem, default);

    public static SourceItem CanonicalLine(SourceLocation location, ReadOnlyMemory<byte> utf8) => new(location, null, null, utf8);

    /// <summary>The activity, or why this item is malformed.</summary>
    public ActivityParse Decode() =>
        _activity is not null ? new ActivityParse(_activity, null)
        : _problem is not null ? new ActivityParse(null, _problem)
        : ActivityLineParser.Parse(_canonicalLine.Span);
}
