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
        db.Execute($"PRAGMA cache_size=-{(int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_SQLITE_CACHE_KB"), out int kb) ? kb : 262144)}");
        db.Execute("PRAGMA temp_store=MEMORY");
        // Reads through the page cache without a copy per page (the file is mapped, not read).
        db.Execute("PRAGMA mmap_size=4294967296");
        // The log is checkpointed at SQLite's default size (1,000 pages): measured with the server, a log of
        // 16,384 pages made the commit that checkpoints it stall every request behind it for ~200 ms.
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class ListJson : System.Text.Json.Serialization.JsonSerializerContext;
