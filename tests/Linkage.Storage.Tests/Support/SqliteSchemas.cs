using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Tests.Support;

/// <summary>Puts a SQLite store written by this Linkage back into an earlier schema's form, to test upgrades.</summary>
internal static class SqliteSchemas
{
    /// <summary>Schema 6: the key index merges at FTS5's defaults.</summary>
    public static void DowngradeTo6(string db)
    {
        using SqliteConnection c = Connect(db);
        Run(c, "DELETE FROM activity_terms_config WHERE k IN ('automerge', 'crisismerge')");
        Run(c, "DELETE FROM schema_migrations WHERE version >= 7");
    }

    /// <summary>A setting of the FTS5 key index's own configuration, or null when it has FTS5's default.</summary>
    public static long? KeyIndexSetting(string db, string name)
    {
        using SqliteConnection c = Connect(db);
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT v FROM activity_terms_config WHERE k = $k";
        cmd.Parameters.AddWithValue("$k", name);
        return cmd.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Schema 5: no mark of how far the key index is filed (everything is, at every commit).</summary>
    public static void DowngradeTo5(string db)
    {
        DowngradeTo6(db);
        using SqliteConnection c = Connect(db);
        Run(c, "ALTER TABLE workspaces DROP COLUMN indexed_seq");
        Run(c, "DELETE FROM schema_migrations WHERE version >= 6");
    }

    /// <summary>Schema 4: activities and associations clustered on their ids (WITHOUT ROWID).</summary>
    public static void DowngradeTo4(string db)
    {
        DowngradeTo5(db);
        using SqliteConnection c = Connect(db);
        Run(c, "CREATE TABLE activities_v4 (ws BIGINT NOT NULL, id TEXT NOT NULL, seq BIGINT NOT NULL, hash BIGINT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (ws, id)) WITHOUT ROWID");
        Run(c, "INSERT INTO activities_v4 SELECT ws, id, seq, hash, json FROM activities");
        Run(c, "CREATE TABLE associations_v4 (ws BIGINT NOT NULL, activity_id TEXT NOT NULL, line TEXT NOT NULL, keys TEXT NOT NULL, PRIMARY KEY (ws, activity_id)) WITHOUT ROWID");
        Run(c, "INSERT INTO associations_v4 SELECT ws, activity_id, line, keys FROM associations");
        Run(c, "DROP TABLE activities");
        Run(c, "DROP TABLE associations");
        Run(c, "ALTER TABLE activities_v4 RENAME TO activities");
        Run(c, "ALTER TABLE associations_v4 RENAME TO associations");
        Run(c, "CREATE INDEX activities_by_seq ON activities (ws, seq)");
        Run(c, "DELETE FROM schema_migrations WHERE version >= 5");
    }

    /// <summary>Schema 3: schema 4's tables, and the key index as rows of activity_keys instead of FTS5 terms.</summary>
    public static void DowngradeTo3(string db)
    {
        DowngradeTo4(db);
        using SqliteConnection c = Connect(db);
        Run(c, "DROP TABLE activity_terms");
        Run(c, "CREATE TABLE activity_keys (ws BIGINT NOT NULL, key TEXT NOT NULL, activity_id TEXT NOT NULL, PRIMARY KEY (ws, key, activity_id)) WITHOUT ROWID");
        Run(c, "INSERT INTO activity_keys (ws, key, activity_id) " +
               "WITH RECURSIVE split(ws, id, key, rest) AS (" +
               "  SELECT ws, activity_id, '', keys || char(10) FROM associations " +
               "  UNION ALL SELECT ws, id, substr(rest, 1, instr(rest, char(10)) - 1), substr(rest, instr(rest, char(10)) + 1) FROM split WHERE rest <> '') " +
               "SELECT ws, key, id FROM split WHERE key <> ''");
        Run(c, "DELETE FROM schema_migrations WHERE version >= 4");
    }

    /// <summary>Whether the table keeps its rows in rowid order (not WITHOUT ROWID).</summary>
    public static bool IsRowidTable(string db, string table)
    {
        using SqliteConnection c = Connect(db);
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $name";
        cmd.Parameters.AddWithValue("$name", table);
        string sql = (string)cmd.ExecuteScalar()!;
        return !sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TableExists(string db, string name)
    {
        using SqliteConnection c = Connect(db);
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = $name";
        cmd.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The ids of the store's queued activities, in order.</summary>
    public static string[] PendingIds(string db)
    {
        using SqliteConnection c = Connect(db);
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT activity_id FROM pending ORDER BY activity_id";
        using SqliteDataReader r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read())
        {
            ids.Add(r.GetString(0));
        }

        return [.. ids];
    }

    public static SqliteConnection Connect(string db)
    {
        var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        return c;
    }

    public static void Run(SqliteConnection c, string sql)
    {
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
