using Linkage.Core.Model;
using Linkage.Storage.Records;

namespace Linkage.Storage.Sql;

/// <summary>Activities: upserted in batches; a new or changed one joins the queue in the same transaction.</summary>
internal sealed partial class SqlStore
{
    public ImportReport ImportActivities(string workspace, IEnumerable<Activity> activities, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(activities);
        long ws = WorkspaceId(workspace, create: true);
        ImportReport report = ImportReport.None;
        long seen = 0;
        foreach (Activity[] chunk in activities.Chunk(_tuning.ImportBatch))
        {
            report += _db.InTransaction(() => UpsertActivities(ws, chunk));
            seen += chunk.Length;
            progress?.Report($"activities: {seen:N0}");
        }

        return report;
    }

    public Activity? Activity(string workspace, string activityId)
    {
        long ws = WorkspaceId(workspace, create: false);
        string? json = _db.Scalar<string>("SELECT json FROM activities WHERE ws = @ws AND id = @id", ws, activityId);
        return json is null ? null : ActivityJson.Deserialize(json);
    }

    /// <summary>
    /// Stores new and changed activities. They join the queue, unless <paramref name="associatedNow"/> is
    /// given: the caller associates them in this transaction, so it only learns why each was written.
    /// </summary>
    // serialized: activities' JSON and hash made beforehand (by a submission's plan), by id.
    // created: receives the ids stored for the first time, with their sequence numbers.
    private ImportReport UpsertActivities(long ws, Activity[] chunk, Dictionary<string, string>? associatedNow = null,
        Dictionary<string, (string Json, long Hash)>? serialized = null, Dictionary<string, long>? created = null)
    {
        // Within one batch, the last line for an id wins, as it would over two imports.
        var latest = new Dictionary<string, (string Json, long Hash)>(StringComparer.Ordinal);
        foreach (Activity a in chunk)
        {
            if (serialized is not null && serialized.TryGetValue(a.Id, out var made))
            {
                latest[a.Id] = made;
                continue;
            }

            string json = ActivityJson.Serialize(a);
            latest[a.Id] = (json, RecordJson.Hash(json));
        }

        var stored = new Dictionary<string, long>(StringComparer.Ordinal);
        _db.ForEach($"SELECT id, hash FROM activities WHERE ws = @ws AND {_db.Dialect.InList("id", "@ids")}",
            r => stored[r.GetString(0)] = r.Long(1), ws, _db.List(latest.Keys));

        long next = _db.Scalar<long>("SELECT next_seq FROM workspaces WHERE id = @ws", ws);
        var rows = new List<object?[]>();
        var queue = new List<object?[]>();
        long added = 0, changed = 0, unchanged = 0;
        long mark = 0;
        foreach ((string id, (string json, long hash)) in latest)
        {
            bool known = stored.TryGetValue(id, out long old);
            if (known && old == hash)
            {
                unchanged++;
                continue;
            }

            string reason = known ? "activity changed" : "new activity";
            // The sequence number is kept on update (ON CONFLICT leaves it), so exports keep first-import order.
            if (!known)
            {
                created?.Add(id, next);
            }

            rows.Add([ws, id, next++, hash, json]);
            _ = known ? changed++ : added++;
            if (associatedNow is not null)
            {
                associatedNow[id] = reason;
                continue;
            }

            if (mark == 0)
            {
                mark = NextMark(ws);
            }

            queue.Add([ws, id, reason, mark]);
        }

        _db.ExecuteMany(
            "INSERT INTO activities (ws, id, seq, hash, json) VALUES (@ws, @id, @seq, @hash, @json) " +
            "ON CONFLICT (ws, id) DO UPDATE SET hash = excluded.hash, json = excluded.json", rows);
        _db.ExecuteMany(
            "INSERT INTO pending (ws, activity_id, reason, mark) VALUES (@ws, @id, @reason, @mark) " +
            "ON CONFLICT (ws, activity_id) DO UPDATE SET reason = excluded.reason, mark = excluded.mark", queue);
        if (rows.Count > 0)
        {
            _db.Execute("UPDATE workspaces SET next_seq = @next WHERE id = @ws", next, ws);
        }
        return new ImportReport(added, changed, unchanged, 0, queue.Count);
    }
}
