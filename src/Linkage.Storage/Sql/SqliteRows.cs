using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Linkage.Storage.Sql;

/// <summary>
/// One statement run for many rows on SQLite straight through SQLitePCL: prepared once per connection,
/// then bound, stepped and reset per row. Through Microsoft.Data.Sqlite every row built a data reader,
/// a statement enumerator and a binder per parameter, and copied each string to a fresh UTF-8 array; on
/// the server's writer — the critical path of a batch — that machinery was ~8% of the time.
/// </summary>
internal sealed class SqliteRows(SqliteConnection connection) : IDisposable
{
    private const int Done = 101; // SQLITE_DONE
    private const int Row = 100; // SQLITE_ROW
    private readonly Dictionary<string, Prepared> _prepared = new(ReferenceEqualityComparer.Instance);
    private sqlite3? _preparedOn;
    // Strings' UTF-8, reused row after row (a connection serves one thread at a time); SQLite copies a bound value.
    private byte[] _utf8 = new byte[4096];

    /// <summary>
    /// Runs <paramref name="text"/> (named parameters, <paramref name="names"/> in the order the row's
    /// values come) once per row, in the connection's open transaction if there is one.
    /// </summary>
    public void Execute(string text, string[] names, IEnumerable<object?[]> rows)
    {
        sqlite3 db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        if (!ReferenceEquals(db, _preparedOn))
        {
            // Reopened: statements belong to the handle they were prepared on.
            Dispose();
            _preparedOn = db;
        }

        Prepared prepared = Prepare(db, text, names);
        sqlite3_stmt stmt = prepared.Statement;
        foreach (object?[] row in rows)
        {
            if (row.Length != prepared.Indexes.Length)
            {
                throw new ArgumentException($"statement takes {prepared.Indexes.Length} arguments, got {row.Length}: {text}", nameof(rows));
            }

            try
            {
                for (int i = 0; i < row.Length; i++)
                {
                    Check(db, Bind(stmt, prepared.Indexes[i], row[i]));
                }

                int rc = raw.sqlite3_step(stmt);
                if (rc is not (Done or Row))
                {
                    Check(db, rc);
                }
            }
            finally
            {
                // Reset even after a failure: a statement left mid-step would keep its read of the database.
                raw.sqlite3_reset(stmt);
            }
        }
    }

    public void Dispose()
    {
        foreach (Prepared prepared in _prepared.Values)
        {
            prepared.Statement.Dispose();
        }

        _prepared.Clear();
    }

    private Prepared Prepare(sqlite3 db, string text, string[] names)
    {
        if (_prepared.TryGetValue(text, out Prepared? known))
        {
            return known;
        }

        Check(db, raw.sqlite3_prepare_v2(db, text, out sqlite3_stmt stmt));
        var indexes = new int[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            indexes[i] = raw.sqlite3_bind_parameter_index(stmt, names[i]);
            if (indexes[i] == 0)
            {
                stmt.Dispose();
                throw new ArgumentException($"no parameter {names[i]} in: {text}", nameof(names));
            }
        }

        var prepared = new Prepared(stmt, indexes);
        _prepared.Add(text, prepared);
        return prepared;
    }

    // The value types the store writes. Strings go in as UTF-8, the database's encoding, transcoded here into
    // a reused buffer: bound as UTF-16, SQLite converted each one itself, a character at a time into a fresh
    // allocation (sqlite3VdbeMemTranslate and its malloc were ~7% of the server's writer).
    private int Bind(sqlite3_stmt stmt, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(stmt, index),
        // An empty span would pin as a null pointer, which SQLite binds as NULL, not ''.
        string { Length: 0 } => raw.sqlite3_bind_text16(stmt, index, string.Empty),
        string s => raw.sqlite3_bind_text(stmt, index, Utf8(s)),
        long l => raw.sqlite3_bind_int64(stmt, index, l),
        int n => raw.sqlite3_bind_int64(stmt, index, n),
        bool b => raw.sqlite3_bind_int64(stmt, index, b ? 1 : 0),
        double d => raw.sqlite3_bind_double(stmt, index, d),
        byte[] bytes => raw.sqlite3_bind_blob(stmt, index, bytes),
        _ => throw new NotSupportedException($"a {value.GetType().Name} value has no SQLite binding here"),
    };

    private ReadOnlySpan<byte> Utf8(string s)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(max, 2 * _utf8.Length)];
        }

        int n = System.Text.Encoding.UTF8.GetBytes(s, _utf8);
        return _utf8.AsSpan(0, n);
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != 0)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private sealed record Prepared(sqlite3_stmt Statement, int[] Indexes);
}
