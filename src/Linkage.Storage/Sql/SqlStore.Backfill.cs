using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Storage.Keys;
using Linkage.Storage.Records;

namespace Linkage.Storage.Sql;

/// <summary>
/// Distributed backfills (the cluster, issue 8): the queue of a workspace cut into ranges of activity ids,
/// and one range associated with an engine the caller built. A range is written through the same batch
/// writer as an association run, so running it twice changes nothing the second time: a line equal to the
/// stored one is not rewritten, history is appended only when a line changes, and an activity leaves the
/// queue only with the mark it had when read.
/// </summary>
internal sealed partial class SqlStore
{
    public IReadOnlyList<string> PendingPartitions(string workspace, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        long ws = WorkspaceId(workspace, create: false);
        var starts = new List<string>();
        long n = 0;
        // The database orders the ids (its collation) both here and in AssociateRange's range test, so the
        // ranges tile the queue exactly whatever the collation.
        _db.ForEach("SELECT activity_id FROM pending WHERE ws = @ws ORDER BY activity_id", r =>
        {
            if (n++ % size == 0)
            {
                starts.Add(r.GetString(0));
            }
        }, ws);
        return starts;
    }

    public AssociateReport AssociateRange(string workspace, string fromId, string? toId, Associator associator)
    {
        ArgumentNullException.ThrowIfNull(fromId);
        ArgumentNullException.ThrowIfNull(associator);
        long ws = WorkspaceId(workspace, create: false);
        var ctx = new KeyContext(RecordJson.Settings(SettingsJson(ws)), _reference);
        string range = toId is null ? "activity_id >= @from" : "activity_id >= @from AND activity_id < @to";
        long recomputed = 0, changed = 0;
        string after = fromId;
        bool first = true;
        // PostgreSQL: the batch's queue rows stay locked until its results commit, and other workers skip
        // them; a worker that retries a range a lost silo was running (or a second coordinator after a
        // failover) therefore never writes the same activity at the same time, so history is never doubled.
        // SQLite serialises writers by itself.
        string locking = _db.Dialect.Name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : "";
        while (true)
        {
            // Batches move forward through the range, so an activity that stays queued (re-queued by a
            // concurrent change, or locked by another worker) is not read again in the same call.
            string cursor = first ? range : range.Replace("activity_id >= @from", "activity_id > @from", StringComparison.Ordinal);
            object?[] args = toId is null ? [ws, after, (long)_tuning.WholeSnapshotBatch] : [ws, after, toId, (long)_tuning.WholeSnapshotBatch];
            (int read, long stored, string? last) = _db.InTransaction(() =>
            {
                List<(string Id, string Reason, long Mark)> batch = _db.Query(
                    $"SELECT activity_id, reason, mark FROM pending WHERE ws = @ws AND {cursor} ORDER BY activity_id LIMIT @n{locking}",
                    r => (r.GetString(0), r.GetString(1), r.Long(2)), args);
                if (batch.Count == 0)
                {
                    return (0, 0L, (string?)null);
                }

                var activities = new Dictionary<string, Activity>(StringComparer.Ordinal);
                _db.ForEach($"SELECT id, json FROM activities WHERE ws = @ws AND {_db.Dialect.InList("id", "@ids")}",
                    r => activities[r.GetString(0)] = ActivityJson.Deserialize(r.GetString(1)), ws, _db.List([.. batch.Select(b => b.Id)]));
                Computed?[] computed = Compute([.. batch.Select(b => b.Id)], activities, associator, ctx);
                return (activities.Count, Store(ws, batch, computed), batch[^1].Id);
            });
            if (last is null)
            {
                break;
            }

            first = false;
            after = last;
            recomputed += read;
            changed += stored;
        }

        return new AssociateReport(recomputed, changed, WholeSnapshot: true);
    }
}
