using Linkage.Storage.Records;

namespace Linkage.Storage;

/// <summary>
/// One activity's association as stored: the engine's canonical line (null until first associated), the
/// pin that overrides it, and whether the activity waits in the queue for re-association (and why).
/// </summary>
public sealed record StoredAssociation(string ActivityId, string? AutomaticLine, StoredIds? Pin, DateTimeOffset? PinnedAt, string? PendingReason)
{
    public bool IsPinned => Pin is not null;

    public bool IsPending => PendingReason is not null;

    /// <summary>The line to export: the automatic one, or for a pinned activity the pinned ids marked <c>"manual": true</c>.</summary>
    public string? ExportLine => Pin is { } pin ? ManualLine.Build(ActivityId, AutomaticLine, pin) : AutomaticLine;
}
