using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Sql;

/// <summary>SQLite through Microsoft.Data.Sqlite: a local file, nothing to install.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public override string Name => "sqlite";

    public override string IdentityPrimaryKey => "INTEGER PRIMARY KEY";

    public override string ClusteredTable => " WITHOUT ROWID";

    public override ActivityKeyIndex ActivityKeys => ActivityKeyTerms.Instance;

    // SQLite has no array type; a JSON array and json_each stand in for one.
    public override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public override object ListValue(IReadOnlyCollection<string> values) => JsonSerializer.Serialize(values, ListJson.Default.IReadOnlyCollectionString);

    public override bool PositionalParameters => false;

    public override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

    public override void Configure(Database db)
    {
        // WAL: readers do not block the writer, and a killed process loses at most its open transaction.
        // synchronous=NORMAL keeps every commit across a process crash (not across a power cut).
        db.Execute("PRAGMA journal_mode=WAL");
        db.Execute("PRAGMA synchronous=NORMAL");
        db.Execute("PRAGMA busy_timeout=30000");
        // A small page cache: reads come from the mapped file (below), so the cache holds little more than
        // the pages a transaction changes. At 256 MB each connection's cache grew for its whole life (a
        // fresh heap page and a page fault per cached page, and every commit's truncate walking the cache's
        // hash): the server's writer took 53-56 µs per activity against 38-41 µs at 4-16 MB (StoreBench
        // write, alternated); CRM import and re-association were unchanged. LINKAGE_SQLITE_CACHE_KB overrides.
        db.Execute($"PRAGMA cache_size=-{(int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_SQLITE_CACHE_KB"), out int kb) ? kb : 16384)}");
        db.Execute("PRAGMA temp_store=MEMORY");
        // Reads through the page cache without a copy per page (the file is mapped, not read).
        db.Execute("PRAGMA mmap_size=4294967296");
        // The log is checkpointed at SQLite's default size (1,000 pages): measured with the server, a log of
        // 16,384 pages made the commit that checkpoints it stall every request behind it for ~200 ms.
    }

    // A WITHOUT ROWID table keeps its rows in key order, and activity ids arrive in no order: every stored
    // activity and association dirtied a random leaf (about one 4 KB page each per commit, written to the
    // log and again at checkpoint), and an association line over ~1,000 bytes spilled to an overflow page of
    // its own. Rows now go to the end of a rowid table and only a small index entry lands at random.
    // Measured: 6.3 -> 4.3 KB written per submitted activity, 74-82 -> 64-66 µs (docs/performance.md).
    public override void StoreLargeRowsInArrivalOrder(Database db)
    {
        db.Execute("CREATE TABLE activities_v5 (ws BIGINT NOT NULL, id TEXT NOT NULL, seq BIGINT NOT NULL, hash BIGINT NOT NULL, json TEXT NOT NULL)");
        // Copied in the old tables' own order (a sequential scan): where old rows sit does not matter, new
        // ones are appended either way.
        db.Execute("INSERT INTO activities_v5 (ws, id, seq, hash, json) SELECT ws, id, seq, hash, json FROM activities");
        db.Execute("CREATE TABLE associations_v5 (ws BIGINT NOT NULL, activity_id TEXT NOT NULL, line TEXT NOT NULL, keys TEXT NOT NULL)");
        db.Execute("INSERT INTO associations_v5 (ws, activity_id, line, keys) SELECT ws, activity_id, line, keys FROM associations");
        db.Execute("DROP TABLE associations");
        db.Execute("DROP TABLE activities");
        db.Execute("ALTER TABLE activities_v5 RENAME TO activities");
        db.Execute("ALTER TABLE associations_v5 RENAME TO associations");
        db.Execute("CREATE UNIQUE INDEX activities_by_id ON activities (ws, id)");
        db.Execute("CREATE INDEX activities_by_seq ON activities (ws, seq)");
        db.Execute("CREATE UNIQUE INDEX associations_by_activity ON associations (ws, activity_id)");
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class ListJson : System.Text.Json.Serialization.JsonSerializerContext;
