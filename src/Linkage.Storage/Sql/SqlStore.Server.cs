using System.Data.Common;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Storage.Keys;
using Linkage.Storage.Records;

namespace Linkage.Storage.Sql;

/// <summary>
/// What the HTTP server needs beyond the command line: workspaces and API keys, storing associations its
/// in-memory engine computed, and reading activities by key for search and coverage.
/// </summary>
internal sealed partial class SqlStore
{
    private (long Ws, string Json, KeyContext Context)? _submitContext;

    private const string EntryColumns =
        "SELECT a.id, a.json, s.line, p.ids, p.pinned_at, q.reason FROM activities a " +
        "LEFT JOIN associations s ON s.ws = a.ws AND s.activity_id = a.id " +
        "LEFT JOIN pins p ON p.ws = a.ws AND p.activity_id = a.id " +
        "LEFT JOIN pending q ON q.ws = a.ws AND q.activity_id = a.id ";

    public bool CreateWorkspace(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        bool existed = _db.Scalar<long?>("SELECT id FROM workspaces WHERE name = @name", name) is not null;
        WorkspaceId(name, create: true);
        return !existed;
    }

    public void AddApiKey(string workspace, string keyHash, string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyHash);
        ArgumentNullException.ThrowIfNull(label);
        long ws = WorkspaceId(workspace, create: false);
        _db.Execute("INSERT INTO api_keys (hash, ws, label, created_at) VALUES (@hash, @ws, @label, @at)", keyHash, ws, label, Now());
    }

    public string? WorkspaceOfApiKey(string keyHash) =>
        _db.Scalar<string>("SELECT w.name FROM api_keys k JOIN workspaces w ON w.id = k.ws WHERE k.hash = @hash", keyHash);

    public IReadOnlyList<string> Submit(string workspace, IReadOnlyList<Activity> activities, Associator associator)
    {
        ArgumentNullException.ThrowIfNull(associator);
        return Submit(PlanSubmit(workspace, activities, associator), associator);
    }

    private SubmitPlan PlanSubmit(string workspace, IReadOnlyList<Activity> activities, Associator associator) =>
        Plan(workspace, activities, associator, SubmitContext(WorkspaceId(workspace, create: false)));

    /// <summary>The engine's part of a submission; reads nothing from the store.</summary>
    internal static SubmitPlan Plan(string workspace, IReadOnlyList<Activity> activities, Associator associator, KeyContext ctx,
        int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(associator);
        var byId = new Dictionary<string, Activity>(StringComparer.Ordinal);
        var order = new List<string>(activities.Count);
        foreach (Activity a in activities)
        {
            if (!byId.ContainsKey(a.Id))
            {
                order.Add(a.Id);
            }

            byId[a.Id] = a;
        }

        return new SubmitPlan(workspace, order, byId, Compute(order, byId, associator, ctx, serialize: true, maxParallelism), associator);
    }

    public IReadOnlyList<string> Submit(SubmitPlan plan, Associator current)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(current);
        if (plan.Associator != current)
        {
            plan = PlanSubmit(plan.Workspace, [.. plan.Order.Select(id => plan.ById[id])], current);
        }

        IReadOnlyList<string> order = plan.Order;
        if (order.Count == 0)
        {
            return [];
        }

        long ws = WorkspaceId(plan.Workspace, create: false);
        Computed?[] computed = [.. plan.Computed.Cast<Computed?>()];
        return _db.InTransaction(() =>
        {
            // Associated in this transaction, so the activities do not go through the queue. One that a CRM
            // change queued earlier leaves it now (mark), naming that change unless the activity itself changed.
            var written = new Dictionary<string, string>(StringComparer.Ordinal);
            var created = new Dictionary<string, long>(StringComparer.Ordinal);
            var serialized = new Dictionary<string, (string Json, long Hash)>(order.Count, StringComparer.Ordinal);
            for (int i = 0; i < order.Count; i++)
            {
                if (computed[i]?.Activity is { } made)
                {
                    serialized[order[i]] = made;
                }
            }

            UpsertActivities(ws, [.. order.Select(id => plan.ById[id])], written, serialized, created);
            // An activity stored for the first time in this transaction has no queue entry, pin or line yet.
            string[] existing = [.. order.Where(id => !created.ContainsKey(id))];
            var marks = new Dictionary<string, (string Reason, long Mark)>(StringComparer.Ordinal);
            if (existing.Length > 0)
            {
                _db.ForEach($"SELECT activity_id, reason, mark FROM pending WHERE ws = @ws AND {_db.Dialect.InList("activity_id", "@ids")}",
                    r => marks[r.GetString(0)] = (r.GetString(1), r.Long(2)), ws, _db.List(existing));
            }

            var batch = new List<(string Id, string Reason, long Mark)>(order.Count);
            foreach (string id in order)
            {
                bool queued = marks.TryGetValue(id, out var m);
                string reason = written.TryGetValue(id, out string? why) ? why : queued ? m.Reason : "submitted";
                batch.Add((id, reason, queued ? m.Mark : -1L));
            }

            Store(ws, batch, computed, created);
            var pins = new Dictionary<string, StoredIds>(StringComparer.Ordinal);
            if (existing.Length > 0)
            {
                _db.ForEach($"SELECT activity_id, ids FROM pins WHERE ws = @ws AND {_db.Dialect.InList("activity_id", "@ids")}",
                    r => pins[r.GetString(0)] = StoredIds.FromJson(r.GetString(1)), ws, _db.List(existing));
            }

            var lines = new string[order.Count];
            for (int i = 0; i < order.Count; i++)
            {
                string line = computed[i]!.Line;
                lines[i] = pins.TryGetValue(order[i], out StoredIds? pin) ? ManualLine.Build(order[i], line, pin) : line;
            }

            return (IReadOnlyList<string>)lines;
        });
    }

    public IReadOnlyList<ActivityEntry> ActivitiesByKeys(string workspace, IReadOnlyCollection<string> keys, int limit)
    {
        ArgumentNullException.ThrowIfNull(keys);
        long ws = WorkspaceId(workspace, create: false);
        if (keys.Count == 0 || limit <= 0)
        {
            return [];
        }

        IReadOnlyCollection<string> ids = _db.Dialect.ActivityKeys.ActivityIds(_db, ws, keys);
        return ids.Count == 0
            ? []
            : _db.Query(EntryColumns + $"WHERE a.ws = @ws AND {_db.Dialect.InList("a.id", "@ids")} ORDER BY a.seq LIMIT @n",
                ReadEntry, ws, _db.List(ids), (long)limit);
    }

    public void ForEachActivity(string workspace, Action<ActivityEntry> onEach)
    {
        ArgumentNullException.ThrowIfNull(onEach);
        long ws = WorkspaceId(workspace, create: false);
        _db.ForEach(EntryColumns + "WHERE a.ws = @ws ORDER BY a.seq", r => onEach(ReadEntry(r)), ws);
    }

    /// <summary>
    /// The key context of the workspace's current settings, kept while they stay the same: building one
    /// copies the free-mail list (14,000 domains), which cost more than a single-activity request itself.
    /// </summary>
    private KeyContext SubmitContext(long ws)
    {
        string json = SettingsJson(ws);
        if (_submitContext is { } known && known.Ws == ws && known.Json == json)
        {
            return known.Context;
        }

        var ctx = new KeyContext(RecordJson.Settings(json), _reference);
        _submitContext = (ws, json, ctx);
        return ctx;
    }

    private static ActivityEntry ReadEntry(DbDataReader r) => new(
        ActivityJson.Deserialize(r.GetString(1)),
        new StoredAssociation(
            r.GetString(0),
            r.NullableString(2),
            r.NullableString(3) is { } ids ? StoredIds.FromJson(ids) : null,
            r.NullableString(4) is { } at ? Instant(at) : null,
            r.NullableString(5)));
}
