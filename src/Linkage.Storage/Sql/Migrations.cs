using System.Globalization;

namespace Linkage.Storage.Sql;

/// <summary>
/// The schema, as numbered steps applied in order when a store is opened. A step once released never
/// changes; a new need is a new step. <c>{identity}</c> and <c>{clustered}</c> are the only words that
/// differ between back ends (see <see cref="SqlDialect"/>).
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "workspaces, CRM records and keys, activities, associations, pending work, pins, history", """
            CREATE TABLE workspaces (
                id {identity},
                name TEXT NOT NULL UNIQUE,
                settings TEXT NULL,
                next_seq BIGINT NOT NULL DEFAULT 0,
                generation BIGINT NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL
            );
            CREATE TABLE crm_records (
                ws BIGINT NOT NULL,
                kind INTEGER NOT NULL,
                id TEXT NOT NULL,
                hash BIGINT NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (ws, kind, id)
            ){clustered};
            CREATE TABLE crm_keys (
                ws BIGINT NOT NULL,
                key TEXT NOT NULL,
                kind INTEGER NOT NULL,
                id TEXT NOT NULL,
                PRIMARY KEY (ws, key, kind, id)
            ){clustered};
            CREATE TABLE activities (
                ws BIGINT NOT NULL,
                id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                hash BIGINT NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (ws, id)
            ){clustered};
            CREATE INDEX activities_by_seq ON activities (ws, seq);
            CREATE TABLE pending (
                ws BIGINT NOT NULL,
                activity_id TEXT NOT NULL,
                reason TEXT NOT NULL,
                mark BIGINT NOT NULL,
                PRIMARY KEY (ws, activity_id)
            ){clustered};
            CREATE TABLE associations (
                ws BIGINT NOT NULL,
                activity_id TEXT NOT NULL,
                line TEXT NOT NULL,
                keys TEXT NOT NULL,
                PRIMARY KEY (ws, activity_id)
            ){clustered};
            CREATE TABLE activity_keys (
                ws BIGINT NOT NULL,
                key TEXT NOT NULL,
                activity_id TEXT NOT NULL,
                PRIMARY KEY (ws, key, activity_id)
            ){clustered};
            CREATE TABLE pins (
                ws BIGINT NOT NULL,
                activity_id TEXT NOT NULL,
                ids TEXT NOT NULL,
                pinned_at TEXT NOT NULL,
                PRIMARY KEY (ws, activity_id)
            ){clustered};
            CREATE TABLE history (
                seq {identity},
                ws BIGINT NOT NULL,
                activity_id TEXT NOT NULL,
                at TEXT NOT NULL,
                cause TEXT NOT NULL,
                before_ids TEXT NULL,
                after_ids TEXT NOT NULL,
                manual INTEGER NOT NULL
            );
            CREATE INDEX history_by_activity ON history (ws, activity_id, seq)
            """),
        new(2, "CRM API calls spent per day, and numbers the CRM API did not know", """
            CREATE TABLE crm_api_usage (
                ws BIGINT NOT NULL,
                day TEXT NOT NULL,
                used BIGINT NOT NULL,
                PRIMARY KEY (ws, day)
            );
            CREATE TABLE crm_lookup_misses (
                ws BIGINT NOT NULL,
                phone TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                PRIMARY KEY (ws, phone)
            )
            """),
        new(3, "API keys of the HTTP server, stored as SHA-256 hashes", """
            CREATE TABLE api_keys (
                hash TEXT NOT NULL,
                ws BIGINT NOT NULL,
                label TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (hash)
            ){clustered};
            CREATE INDEX api_keys_by_workspace ON api_keys (ws)
            """),
        // SQLite: activity_keys becomes an FTS5 table (ActivityKeyTerms); PostgreSQL keeps its rows.
        new(4, "the index of activities by key in the back end's own form", string.Empty, db => db.Dialect.ActivityKeys.Upgrade(db)),
        // SQLite: activities and associations in arrival order with a unique index on the id; PostgreSQL's
        // tables are heaps already.
        new(5, "activities and associations stored in arrival order", string.Empty, db => db.Dialect.StoreLargeRowsInArrivalOrder(db)),
        // SQLite's key index files a server's submissions in batches (ActivityKeyTerms): activities from
        // indexed_seq on are not filed yet. Everything stored before this step is.
        new(6, "how far each workspace's activities are filed in the key index", """
            ALTER TABLE workspaces ADD COLUMN indexed_seq BIGINT NOT NULL DEFAULT 0;
            UPDATE workspaces SET indexed_seq = next_seq
            """),
        // SQLite's FTS5 key index merges its segments 16 at a time instead of 4 (ActivityKeyTerms.AutoMerge).
        new(7, "the key index merges its segments less often", string.Empty, db => db.Dialect.ActivityKeys.ConfigureMerging(db)),
    ];

    /// <summary>Brings the store's schema up to date; refuses a store written by a newer Linkage.</summary>
    public static int Apply(Database db, TimeProvider clock)
    {
        db.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        return db.InTransaction(() =>
        {
            db.Dialect.LockForMigration(db);
            int current = db.Scalar<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0;
            int latest = All[^1].Version;
            if (current > latest)
            {
                throw new StoreException($"the store has schema version {current}, newer than this Linkage knows ({latest}); upgrade Linkage");
            }

            foreach (Migration m in All.Where(m => m.Version > current))
            {
                string sql = m.Sql.Replace("{identity}", db.Dialect.IdentityPrimaryKey, StringComparison.Ordinal)
                    .Replace("{clustered}", db.Dialect.ClusteredTable, StringComparison.Ordinal);
                foreach (string statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    db.Execute(statement);
                }

                m.Code?.Invoke(db);
                db.Execute("INSERT INTO schema_migrations (version, description, applied_at) VALUES (@v, @d, @at)",
                    m.Version, m.Description, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            }

            return latest;
        });
    }
}

/// <summary>One schema step.</summary>
internal sealed record Migration(int Version, string Description, string Sql, Action<Database>? Code = null);
