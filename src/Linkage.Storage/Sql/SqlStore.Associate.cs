using System.Text;
using System.Text.Json;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Linkage.Storage.Associating;
using Linkage.Storage.Keys;
using Linkage.Storage.Records;

namespace Linkage.Storage.Sql;

/// <summary>
/// Association runs: take queued activities in batches, run the engine over the records they can reach
/// (or the whole snapshot when many are queued), and in one transaction per batch store the new lines and
/// keys, append history for what changed, and leave the queue.
/// </summary>
internal sealed partial class SqlStore
{
    public AssociateReport Associate(string workspace, IProgress<string>? progress = null, IDialerLookup? dialer = null)
    {
        long ws = WorkspaceId(workspace, create: false);
        LinkageSettings settings = RecordJson.Settings(SettingsJson(ws));
        var ctx = new KeyContext(settings, _reference);
        long queued = _db.Scalar<long>("SELECT COUNT(*) FROM pending WHERE ws = @ws", ws);
        if (queued == 0)
        {
            return new AssociateReport(0, 0, WholeSnapshot: false);
        }

        bool whole = queued >= _tuning.WholeSnapshotThreshold;
        RecordingDialer? recorder = dialer is null ? null : new RecordingDialer(dialer);
        Associator? wholeAssociator = whole ? Associator.Create(Snapshot(workspace), settings, _reference, recorder) : null;
        int batchSize = whole ? _tuning.WholeSnapshotBatch : _tuning.NeighbourhoodBatch;
        long recomputed = 0, changed = 0;
        while (true)
        {
            List<(string Id, string Reason, long Mark)> batch = _db.Query(
                "SELECT activity_id, reason, mark FROM pending WHERE ws = @ws ORDER BY activity_id LIMIT @n",
                r => (r.GetString(0), r.GetString(1), r.Long(2)), ws, (long)batchSize);
            if (batch.Count == 0)
            {
                // With the whole snapshot in memory, records a look-up found join the CRM once the queue is
                // empty: they re-queue the activities that share their keys, which a fresh index then
                // redoes. (Rebuilding the index after every such batch could cost seconds each time.)
                if (whole && recorder?.TakeFound() is { } pass)
                {
                    AddLookedUpRecords(workspace, pass.Contacts, pass.Leads, pass.ActivityIds);
                    wholeAssociator = Associator.Create(Snapshot(workspace), settings, _reference, recorder);
                    continue;
                }

                break;
            }

            var activities = new Dictionary<string, Activity>(StringComparer.Ordinal);
            _db.ForEach($"SELECT id, json FROM activities WHERE ws = @ws AND {_db.Dialect.InList("id", "@ids")}",
                r => activities[r.GetString(0)] = ActivityJson.Deserialize(r.GetString(1)), ws, _db.List([.. batch.Select(b => b.Id)]));

            Associator associator = wholeAssociator ??
                Associator.Create(Neighbourhood.Load(_db, ws, activities.Values, ctx), settings, _reference, recorder);
            Computed?[] computed = Compute([.. batch.Select(b => b.Id)], activities, associator, ctx);
            changed += _db.InTransaction(() => Store(ws, batch, computed));
            if (!whole && recorder?.TakeFound() is { } found)
            {
                // Each batch loads its neighbourhood from the store, so the next one already sees these.
                AddLookedUpRecords(workspace, found.Contacts, found.Leads, found.ActivityIds);
            }

            recomputed += activities.Count;
            progress?.Report($"associated {recomputed:N0} of {queued:N0} queued");
        }

        return new AssociateReport(recomputed, changed, whole);
    }

    /// <summary>
    /// Runs the engine over the activities in parallel (on at most <paramref name="maxParallelism"/> threads,
    /// -1: all cores). With <paramref name="serialize"/> (submissions) each activity's stored JSON is made here
    /// too, so that the writer, who holds the workspace's lock, does not.
    /// </summary>
    private static Computed?[] Compute(List<string> ids, Dictionary<string, Activity> activities, Associator associator, KeyContext ctx,
        bool serialize = false, int maxParallelism = -1)
    {
        var computed = new Computed?[ids.Count];
        void One(int i)
        {
            if (activities.TryGetValue(ids[i], out Activity? activity))
            {
                AssociationResult result = associator.Associate(activity);
                byte[] line = AssociationWriter.ToLine(result);
                string? json = serialize ? ActivityJson.Serialize(activity) : null;
                string[] keys = ActivityKeys.Of(activity, result, associator, ctx);
                var ids = new StoredIds(result.Contacts, result.Accounts, result.Leads, result.Deals);
                computed[i] = new Computed(
                    Encoding.UTF8.GetString(line, 0, line.Length - 1),
                    ReaderExtensions.JoinKeys(keys),
                    keys,
                    ids.ToJson(),
                    json is null ? null : (json, RecordJson.Hash(json)),
                    // SQLite's form of the keys, made here beside other activities rather than under the
                    // writer's lock; PostgreSQL's writer does not read it (~1 µs per activity wasted there).
                    ActivityKeyTerms.Terms(keys));
            }
        }

        if (ids.Count >= 64 && maxParallelism != 1)
        {
            Parallel.For(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, One);
        }
        else
        {
            for (int i = 0; i < ids.Count; i++)
            {
                One(i);
            }
        }

        return computed;
    }

    /// <summary>Writes one batch's results; returns how many lines changed.</summary>
    // created: activities first stored in this transaction, with their sequence numbers; they have no
    // association yet, so nothing of theirs is looked up.
    private long Store(long ws, List<(string Id, string Reason, long Mark)> batch, Computed?[] computed,
        Dictionary<string, long>? created = null)
    {
        var old = new Dictionary<string, (string Line, string Keys)>(StringComparer.Ordinal);
        string[] stored = created is null ? [.. batch.Select(b => b.Id)] : [.. batch.Select(b => b.Id).Where(id => !created.ContainsKey(id))];
        if (stored.Length > 0)
        {
            _db.ForEach($"SELECT activity_id, line, keys FROM associations WHERE ws = @ws AND {_db.Dialect.InList("activity_id", "@ids")}",
                r => old[r.GetString(0)] = (r.GetString(1), r.GetString(2)), ws, _db.List(stored));
        }

        string now = Now();
        var upserts = new List<object?[]>();
        var history = new List<object?[]>();
        var keyChanges = new List<ActivityKeyChange>();
        for (int i = 0; i < batch.Count; i++)
        {
            if (computed[i] is not { } c)
            {
                continue;
            }

            string id = batch[i].Id;
            bool known = old.TryGetValue(id, out var before);
            if (known && before.Line == c.Line && before.Keys == c.Keys)
            {
                continue;
            }

            upserts.Add([ws, id, c.Line, c.Keys]);
            if (!known || before.Line != c.Line)
            {
                history.Add([ws, id, now, batch[i].Reason, known ? IdsOf(before.Line).ToJson() : null, c.IdsJson, 0]);
            }

            if (known ? before.Keys != c.Keys : c.Keys.Length > 0)
            {
                keyChanges.Add(new ActivityKeyChange(id, known && before.Keys.Length > 0 ? before.Keys.Split('\n') : [],
                    c.KeyList, created?.TryGetValue(id, out long seq) == true ? seq : null, c.Terms));
            }
        }

        _db.ExecuteMany(
            "INSERT INTO associations (ws, activity_id, line, keys) VALUES (@ws, @id, @line, @keys) " +
            "ON CONFLICT (ws, activity_id) DO UPDATE SET line = excluded.line, keys = excluded.keys", upserts);
        _db.Dialect.ActivityKeys.Write(_db, ws, keyChanges, mayDefer: created is not null);
        _db.ExecuteMany(
            "INSERT INTO history (ws, activity_id, at, cause, before_ids, after_ids, manual) VALUES (@ws, @id, @at, @cause, @before, @after, @manual)",
            history);
        // Only if nothing re-queued the activity since this batch was read (its mark would differ).
        // Mark -1: the activity was not queued (a submission associated on arrival), so there is nothing to remove.
        _db.ExecuteMany("DELETE FROM pending WHERE ws = @ws AND activity_id = @id AND mark = @mark",
            batch.Where(b => b.Mark >= 0).Select(b => new object?[] { ws, b.Id, b.Mark }));
        return history.Count;
    }

    /// <summary>The four id lists of a stored canonical line.</summary>
    internal static StoredIds IdsOf(string line)
    {
        using var doc = JsonDocument.Parse(line);
        JsonElement root = doc.RootElement;
        return new StoredIds(List("contacts"), List("accounts"), List("leads"), List("deals"));

        string[] List(string name) => root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.Array
            ? [.. e.EnumerateArray().Select(x => x.GetString() ?? string.Empty)]
            : [];
    }

    // Everything the writer stores is made here, outside the workspace's lock: the keys both joined (stored)
    // and as a list (filed in the key index), and the ids as history's JSON.
    private sealed record Computed(string Line, string Keys, string[] KeyList, string IdsJson, (string Json, long Hash)? Activity, string Terms);
}
