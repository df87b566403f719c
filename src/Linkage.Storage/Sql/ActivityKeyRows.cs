namespace Linkage.Storage.Sql;

/// <summary>
/// The key index as rows of <c>activity_keys (ws, key, activity_id)</c>, one per key of each activity:
/// PostgreSQL's form, where a B-tree insert is cheap next to the rest of a write.
/// </summary>
internal sealed class ActivityKeyRows : ActivityKeyIndex
{
    public static ActivityKeyRows Instance { get; } = new();

    public override void Write(Database db, long ws, IReadOnlyList<ActivityKeyChange> changes, bool mayDefer = false)
    {
        var deletes = new List<object?[]>();
        var inserts = new List<object?[]>();
        foreach (ActivityKeyChange c in changes)
        {
            deletes.AddRange(c.Was.Except(c.Next, StringComparer.Ordinal).Select(k => new object?[] { ws, k, c.ActivityId }));
            inserts.AddRange(c.Next.Except(c.Was, StringComparer.Ordinal).Select(k => new object?[] { ws, k, c.ActivityId }));
        }

        db.ExecuteMany("DELETE FROM activity_keys WHERE ws = @ws AND key = @key AND activity_id = @id", deletes);
        inserts.Sort((x, y) => string.CompareOrdinal((string)x[1]!, (string)y[1]!));
        db.ExecuteMany("INSERT INTO activity_keys (ws, key, activity_id) VALUES (@ws, @key, @id) ON CONFLICT (ws, key, activity_id) DO NOTHING", inserts);
    }

    public override IReadOnlyCollection<string> ActivityIds(Database db, long ws, IReadOnlyCollection<string> keys) =>
        keys.Count == 0
            ? []
            : db.Query($"SELECT DISTINCT activity_id FROM activity_keys WHERE ws = @ws AND {db.Dialect.InList("key", "@keys")}",
                r => r.GetString(0), ws, db.List(keys));

    public override long Queue(Database db, long ws, IReadOnlyCollection<string> keys, string reason, long mark) => db.Execute(
        "INSERT INTO pending (ws, activity_id, reason, mark) " +
        "SELECT DISTINCT ws, activity_id, @reason, @mark FROM activity_keys " +
        $"WHERE ws = @ws AND {db.Dialect.InList("key", "@keys")} " +
        "ON CONFLICT (ws, activity_id) DO UPDATE SET reason = excluded.reason, mark = excluded.mark",
        reason, mark, ws, db.List(keys));

    public override void Upgrade(Database db)
    {
        // Already in this form since schema step 1.
    }

    public override void ConfigureMerging(Database db)
    {
        // A B-tree of rows: nothing to merge.
    }
}
