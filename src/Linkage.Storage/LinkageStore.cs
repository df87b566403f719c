using System.Data.Common;
using Linkage.Core.Index;
using Linkage.Storage.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Linkage.Storage;

/// <summary>Opens a store: a SQLite file by default, PostgreSQL for a <c>Host=…</c> connection string.</summary>
public static class LinkageStore
{
    /// <summary>The store used when none is named: a SQLite file in the current folder.</summary>
    public const string DefaultLocation = "linkage.db";

    public static bool IsPostgres(string location) =>
        location is not null && location.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Opens and migrates the store at <paramref name="location"/>. A SQLite file is created when missing
    /// only if <paramref name="create"/>: commands that only read or associate should not leave an empty
    /// store behind a typo.
    /// </summary>
    public static ILinkageStore Open(string location, TimeProvider? clock = null, StoreTuning? tuning = null, bool create = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        clock ??= TimeProvider.System;
        tuning ??= StoreTuning.Default;
        return IsPostgres(location) ? OpenPostgres(location, clock, tuning) : OpenSqlite(location, clock, tuning, create);
    }

    private static SqlStore OpenSqlite(string path, TimeProvider clock, StoreTuning tuning, bool create)
    {
        bool memory = path == ":memory:";
        if (!memory)
        {
            if (!create && !File.Exists(path))
            {
                throw new StoreException($"there is no store at '{path}'; import a CRM or activities first (linkage import crm …), or name one with --db");
            }

            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new StoreException($"cannot open the store '{path}': the folder {folder} does not exist");
            }

            if (Directory.Exists(path))
            {
                throw new StoreException($"cannot open the store '{path}': it is a folder, not a database file");
            }
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // No pool: closing the store releases the file, so tests and scripts can delete or copy it.
            Pooling = false,
            DefaultTimeout = 300,
        };
        return Connect(new SqliteDialect(), builder.ConnectionString, path, clock, tuning);
    }

    private static SqlStore OpenPostgres(string connectionString, TimeProvider clock, StoreTuning tuning)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 600 };
        }
        catch (ArgumentException ex)
        {
            throw new StoreException($"the PostgreSQL connection string is not valid: {ex.Message}", ex);
        }

        // Named without the password, for messages.
        string display = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        return Connect(new PostgresDialect(), builder.ConnectionString, display, clock, tuning);
    }

    private static SqlStore Connect(SqlDialect dialect, string connectionString, string display, TimeProvider clock, StoreTuning tuning)
    {
        DbConnection connection = dialect.Connect(connectionString);
        try
        {
            connection.Open();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            connection.Dispose();
            throw new StoreException($"cannot open the store {display}: {ex.Message}", ex);
        }

        var db = new Database(connection, dialect);
        try
        {
            return new SqlStore(db, clock, tuning, ReferenceData.Bundled);
        }
        catch (DbException ex)
        {
            db.Dispose();
            throw new StoreException($"cannot use the store {display}: {ex.Message}", ex);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }
}
