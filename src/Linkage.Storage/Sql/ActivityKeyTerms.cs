using System.Text;

namespace Linkage.Storage.Sql;

/// <summary>
/// The key index as an FTS5 table on SQLite: one row per activity (rowid = workspace and the activity's
/// sequence number), its keys as terms. FTS5 keeps terms in sorted segments that each commit appends and
/// later merges in the background of later writes, so filing an activity under nine keys writes a few
/// sequential pages instead of dirtying nine random leaves of a B-tree of millions of rows — which was
/// most of what a stored association cost (measured: docs/performance.md, "the key index").
/// </summary>
/// <remarks>
/// A term is the key's UTF-8 bytes in lowercase hex: FTS5's ascii tokenizer then takes every key whole,
/// whatever characters the key holds, and looks up exactly that key. Contentless with deletes
/// (<c>contentless_delete=1</c>, SQLite 3.43+): the keys themselves stay in <c>associations.keys</c>.
/// </remarks>
internal sealed class ActivityKeyTerms : ActivityKeyIndex
{
    // Rowids of workspace ws lie in [ws << 40, (ws + 1) << 40): a trillion activities per workspace.
    private const int WorkspaceShift = 40;

    // Terms per MATCH expression; keys beyond this are looked up in further statements.
    private const int TermsPerQuery = 256;

    /// <summary>
    /// A server's submissions are filed in batches of about this many activities. FTS5 writes a segment per
    /// transaction and rewrites its structure record each time; at a commit per single-activity request,
    /// that was half of each write (measured: the writer's median 0.31 against 0.14 ms without it, and the
    /// requests' p99 11-13 against 6-7 ms at 1,000/s). Until filed, look-ups read the unfiled activities'
    /// stored keys, so they answer the same.
    /// </summary>
    internal const int DeferredLimit = 128;

    /// <summary>
    /// FTS5 merges a level's segments into one on the next level once it holds this many (its default is 4).
    /// Each merge rewrites every term it carries, so at 4 a term was written about log4 of the index's
    /// segments times; at 16 half as often. Look-ups probe more segments (at most 15 a level), which cost
    /// the CRM-change path ~0.5 ms of ~3 ms; the writer wrote 6.3 -> 5.2 KB per submitted activity and took
    /// 45-48 -> 38-41 µs (StoreBench write, alternated; docs/performance.md, tenth session).
    /// </summary>
    internal const int AutoMerge = 16;

    /// <summary>
    /// A level holding this many segments is merged at once, in the write that reached it. FTS5's default
    /// (16) would make every level's merge at <see cref="AutoMerge"/> one such stall; at 64 the incremental
    /// merges, spread over later writes, keep levels below it.
    /// </summary>
    internal const int CrisisMerge = 64;

    public static ActivityKeyTerms Instance { get; } = new();

    public const string CreateTable =
        "CREATE VIRTUAL TABLE activity_terms USING fts5(keys, content='', contentless_delete=1, detail=none, tokenize='ascii')";

    public override void Write(Database db, long ws, IReadOnlyList<ActivityKeyChange> changes, bool mayDefer = false)
    {
        if (changes.Count == 0)
        {
            return;
        }

        // Activities from 'indexed' on are not in the FTS5 table: whatever their keys are now is filed by
        // the next catch-up, from the keys stored with their associations (which this transaction wrote).
        (long indexed, long next) = Marks(db, ws);
        var seqs = new Dictionary<string, long>(StringComparer.Ordinal);
        string[] unknown = [.. changes.Where(c => c.Seq is null).Select(c => c.ActivityId)];
        if (unknown.Length > 0)
        {
            db.ForEach($"SELECT id, seq FROM activities WHERE ws = @ws AND {db.Dialect.InList("id", "@ids")}",
                r => seqs[r.GetString(0)] = r.Long(1), ws, db.List(unknown));
        }

        var deletes = new List<object?[]>();
        var inserts = new List<object?[]>();
        foreach (ActivityKeyChange c in changes)
        {
            long seq = c.Seq ?? seqs[c.ActivityId];
            if (seq >= indexed)
            {
                continue;
            }

            long rowid = RowId(ws, seq);
            if (c.Was.Length > 0)
            {
                deletes.Add([rowid]);
            }

            if (c.Next.Length > 0)
            {
                inserts.Add([rowid, c.NextTerms ?? Terms(c.Next)]);
            }
        }

        db.ExecuteMany("DELETE FROM activity_terms WHERE rowid = @rowid", deletes);
        db.ExecuteMany("INSERT INTO activity_terms (rowid, keys) VALUES (@rowid, @keys)", inserts);
        if (next > indexed && (!mayDefer || next - indexed >= DeferredLimit))
        {
            // Activities first stored by this transaction (the last sequence numbers) are filed from the
            // terms their plan made; only earlier unfiled ones are read back.
            var fresh = changes.Where(c => c.Seq >= indexed && c.Next.Length > 0).ToList();
            long readUpTo = fresh.Count > 0 ? fresh.Min(c => c.Seq!.Value) : next;
            CatchUp(db, ws, indexed, readUpTo);
            db.ExecuteMany("INSERT INTO activity_terms (rowid, keys) VALUES (@rowid, @keys)",
                fresh.Select(c => new object?[] { RowId(ws, c.Seq!.Value), c.NextTerms ?? Terms(c.Next) }));
            db.Execute("UPDATE workspaces SET indexed_seq = @to WHERE id = @ws", next, ws);
        }
    }

    /// <summary>
    /// Files the activities from <paramref name="from"/> up to <paramref name="to"/> under the keys stored
    /// with their associations (those without one yet have nothing to file); the caller moves the mark.
    /// </summary>
    private static void CatchUp(Database db, long ws, long from, long to)
    {
        // Pages in sequence order through activities (ws, seq): each page is a range of that index.
        long last = from - 1;
        while (true)
        {
            List<(long Seq, string Keys)> page = db.Query(
                "SELECT a.seq, s.keys FROM activities a JOIN associations s ON s.ws = a.ws AND s.activity_id = a.id " +
                "WHERE a.ws = @ws AND a.seq > @seq AND a.seq < @to ORDER BY a.seq LIMIT 10000",
                r => (r.Long(0), r.GetString(1)), ws, last, to);
            if (page.Count == 0)
            {
                break;
            }

            db.ExecuteMany("INSERT INTO activity_terms (rowid, keys) VALUES (@rowid, @keys)",
                page.Where(p => p.Keys.Length > 0).Select(p => new object?[] { RowId(ws, p.Seq), Terms(p.Keys.Split('\n')) }));
            last = page[^1].Seq;
        }
    }

    private static (long Indexed, long Next) Marks(Database db, long ws) =>
        db.Query("SELECT indexed_seq, next_seq FROM workspaces WHERE id = @ws", r => (r.Long(0), r.Long(1)), ws).Single();

    public override IReadOnlyCollection<string> ActivityIds(Database db, long ws, IReadOnlyCollection<string> keys)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        // Activities not filed yet (a server's latest submissions, at most about DeferredLimit): their
        // stored keys are read and matched here.
        (long indexed, long next) = Marks(db, ws);
        if (next > indexed)
        {
            var wanted = new HashSet<string>(keys, StringComparer.Ordinal);
            db.ForEach(
                "SELECT a.id, s.keys FROM activities a JOIN associations s ON s.ws = a.ws AND s.activity_id = a.id " +
                "WHERE a.ws = @ws AND a.seq >= @seq",
                r =>
                {
                    if (r.GetString(1).Split('\n').Any(wanted.Contains))
                    {
                        ids.Add(r.GetString(0));
                    }
                },
                ws, indexed);
        }

        foreach (string[] chunk in keys.Distinct(StringComparer.Ordinal).Chunk(TermsPerQuery))
        {
            db.ForEach(
                "SELECT a.id FROM activities a WHERE a.ws = @ws AND a.seq IN " +
                "(SELECT rowid - @low FROM activity_terms WHERE activity_terms MATCH @match AND rowid BETWEEN @low AND @high)",
                r => ids.Add(r.GetString(0)), ws, RowId(ws, 0), Match(chunk), RowId(ws + 1, 0) - 1);
        }

        return ids;
    }

    public override long Queue(Database db, long ws, IReadOnlyCollection<string> keys, string reason, long mark)
    {
        IReadOnlyCollection<string> ids = ActivityIds(db, ws, keys);
        return ids.Count == 0
            ? 0
            : db.Execute(
                "INSERT INTO pending (ws, activity_id, reason, mark) " +
                $"SELECT ws, id, @reason, @mark FROM activities WHERE ws = @ws AND {db.Dialect.InList("id", "@ids")} " +
                "ON CONFLICT (ws, activity_id) DO UPDATE SET reason = excluded.reason, mark = excluded.mark",
                reason, mark, ws, db.List(ids));
    }

    /// <summary>Creates the table and files every stored association's keys in it; drops <c>activity_keys</c>.</summary>
    public override void Upgrade(Database db)
    {
        db.Execute(CreateTable);
        foreach (long ws in db.Query("SELECT id FROM workspaces ORDER BY id", r => r.Long(0)))
        {
            CatchUp(db, ws, 0, long.MaxValue);
        }

        db.Execute("DROP TABLE activity_keys");
    }

    /// <summary>FTS5 keeps these in the table's own configuration, so they hold for every connection.</summary>
    public override void ConfigureMerging(Database db)
    {
        db.Execute($"INSERT INTO activity_terms (activity_terms, rank) VALUES ('automerge', {AutoMerge})");
        db.Execute($"INSERT INTO activity_terms (activity_terms, rank) VALUES ('crisismerge', {CrisisMerge})");
    }

    private static long RowId(long ws, long seq) => (ws << WorkspaceShift) + seq;

    private static string Term(string key) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// The keys as one document of terms (each key's UTF-8 in lowercase hex, separated by spaces), built in
    /// one string: this runs once per stored association, and the string per key and the join that made it
    /// before were most of what the writer allocated (~2 KB per activity).
    /// </summary>
    internal static string Terms(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        int length = Math.Max(0, keys.Count - 1);
        foreach (string key in keys)
        {
            length += 2 * Encoding.UTF8.GetByteCount(key);
        }

        return string.Create(length, keys, static (chars, keys) =>
        {
            Span<byte> small = stackalloc byte[256];
            int at = 0;
            for (int i = 0; i < keys.Count; i++)
            {
                if (i > 0)
                {
                    chars[at++] = ' ';
                }

                string key = keys[i];
                int max = Encoding.UTF8.GetMaxByteCount(key.Length);
                byte[]? rented = max > small.Length ? System.Buffers.ArrayPool<byte>.Shared.Rent(max) : null;
                Span<byte> bytes = rented ?? small;
                int n = Encoding.UTF8.GetBytes(key, bytes);
                Convert.TryToHexStringLower(bytes[..n], chars[at..], out int written);
                at += written;
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                }
            }
        });
    }

    private static string Match(IEnumerable<string> keys) => string.Join(" OR ", keys.Select(k => "\"" + Term(k) + "\""));
}
