using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Storage.Records;

namespace Linkage.Storage;

/// <summary>
/// A persistent store of workspaces (one company's CRM each): the CRM snapshot, settings, activities, the
/// current associations with their explanations, pins, and the append-only history of association
/// changes. Writes commit in batches inside transactions, so a killed process leaves a consistent store
/// and re-running the same command completes the work. Not thread-safe: one instance per thread.
/// </summary>
public interface ILinkageStore : IDisposable
{
    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    string Backend { get; }

    /// <summary>The schema version after migrations.</summary>
    int SchemaVersion { get; }

    IReadOnlyList<string> Workspaces();

    /// <summary>The workspace's settings; the spec's defaults until some are imported.</summary>
    LinkageSettings Settings(string workspace);

    /// <summary>Replaces the settings; when they differ, every activity is queued for re-association.</summary>
    bool ReplaceSettings(string workspace, LinkageSettings settings);

    /// <summary>
    /// Upserts every record of <paramref name="snapshot"/>; with <paramref name="replace"/> also deletes the
    /// records it lacks. Queues the activities whose association the changes can affect.
    /// </summary>
    ImportReport ImportCrm(string workspace, CrmSnapshot snapshot, bool replace, IProgress<string>? progress = null);

    /// <summary>Applies individual record changes (upserts and deletions) in one transaction.</summary>
    ImportReport ApplyCrmChanges(string workspace, IReadOnlyCollection<CrmRecord> upserts, IReadOnlyCollection<(RecordKind Kind, string Id)> deletions);

    /// <summary>Upserts activities in batches; new or changed ones are queued for association.</summary>
    ImportReport ImportActivities(string workspace, IEnumerable<Activity> activities, IProgress<string>? progress = null);

    /// <summary>
    /// Associates every queued activity (new, changed, or affected by a CRM or settings change). With a
    /// <paramref name="dialer"/>, dialer calls may look unknown numbers up through the CRM API; the records
    /// found join the workspace's CRM (marked <c>origin: crm-api</c>) in the same run.
    /// </summary>
    AssociateReport Associate(string workspace, IProgress<string>? progress = null, IDialerLookup? dialer = null);

    /// <summary>
    /// Takes one CRM API call from the workspace's budget for <paramref name="day"/>; false when spent. Atomic
    /// in the database, so concurrent runs, in any process, never exceed the budget together.
    /// </summary>
    bool TryTakeApiCall(string workspace, DateOnly day, int dailyBudget);

    /// <summary>CRM API calls taken on <paramref name="day"/>.</summary>
    long ApiCallsUsed(string workspace, DateOnly day);

    /// <summary>Numbers the CRM API did not know, with when that answer expires; only unexpired ones.</summary>
    IReadOnlyList<(string PhoneE164, DateTimeOffset Until)> LookupMisses(string workspace, DateTimeOffset now);

    /// <summary>Remembers numbers the CRM API did not know (and forgets expired ones).</summary>
    void RememberLookupMisses(string workspace, IReadOnlyCollection<(string PhoneE164, DateTimeOffset Until)> misses);

    /// <summary>The stored association of one activity, or null when the workspace has no such activity.</summary>
    StoredAssociation? Association(string workspace, string activityId);

    /// <summary>Every activity's association in import order; <paramref name="onEach"/> sees one at a time.</summary>
    void ExportAssociations(string workspace, Action<StoredAssociation> onEach);

    Activity? Activity(string workspace, string activityId);

    /// <summary>The whole stored CRM snapshot.</summary>
    CrmSnapshot Snapshot(string workspace);

    /// <summary>Pins the activity to exactly these ids; automatic runs never change them.</summary>
    void Pin(string workspace, string activityId, StoredIds ids);

    /// <summary>Removes a pin; false when there was none.</summary>
    bool Unpin(string workspace, string activityId);

    /// <summary>The activity's association changes, oldest first.</summary>
    IReadOnlyList<HistoryEntry> History(string workspace, string activityId);

    StoreCounts Counts(string workspace);

    // The HTTP server (issue 6): workspaces and API keys, associations computed by the server's
    // in-memory engine, and look-ups for search and coverage.

    /// <summary>Creates an empty workspace; false when one of that name exists.</summary>
    bool CreateWorkspace(string name);

    /// <summary>Files an API key of an existing workspace by its hash (the key itself is never stored).</summary>
    void AddApiKey(string workspace, string keyHash, string label);

    /// <summary>The workspace an API key hash belongs to, or null for an unknown key.</summary>
    string? WorkspaceOfApiKey(string keyHash);

    /// <summary>
    /// Upserts <paramref name="activities"/> and stores the associations <paramref name="associator"/>
    /// computes for them (lines, keys, history), in one transaction; returns each activity's export line
    /// (the pinned line for a pinned one), in input order with repeated ids once (the last wins).
    /// The associator must be built over this workspace's current CRM and settings.
    /// </summary>
    IReadOnlyList<string> Submit(string workspace, IReadOnlyList<Activity> activities, Core.Engine.Associator associator);

    /// <summary>
    /// Writes a plan (from a <see cref="SubmitPlanner"/>) as <see cref="Submit(string, IReadOnlyList{Activity}, Core.Engine.Associator)"/> would;
    /// a plan computed with another engine than <paramref name="current"/> (the CRM or settings changed
    /// since) is computed again with it first. Returns one line per id of <see cref="SubmitPlan.Order"/>.
    /// </summary>
    IReadOnlyList<string> Submit(SubmitPlan plan, Core.Engine.Associator current);

    /// <summary>Up to <paramref name="limit"/> activities filed under any of the keys (see <see cref="Keys.SearchKeys"/>), in import order.</summary>
    IReadOnlyList<ActivityEntry> ActivitiesByKeys(string workspace, IReadOnlyCollection<string> keys, int limit);

    /// <summary>Every activity with its association, in import order; <paramref name="onEach"/> sees one at a time.</summary>
    void ForEachActivity(string workspace, Action<ActivityEntry> onEach);

    // Distributed backfills (the cluster, issue 8).

    /// <summary>
    /// Cuts the workspace's queue into ranges of about <paramref name="size"/> activities: the first
    /// activity id of each range, in the database's order (a range runs to the next one's start).
    /// </summary>
    IReadOnlyList<string> PendingPartitions(string workspace, int size);

    /// <summary>
    /// Associates the queued activities whose ids lie in [<paramref name="fromId"/>, <paramref name="toId"/>)
    /// (to the end when null) with <paramref name="associator"/>, which must be built over this workspace's
    /// whole current CRM and settings. Idempotent: running a range again stores nothing twice.
    /// </summary>
    AssociateReport AssociateRange(string workspace, string fromId, string? toId, Core.Engine.Associator associator);
}
