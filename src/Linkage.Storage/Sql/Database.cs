using System.Data;
using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;

namespace Linkage.Storage.Sql;

/// <summary>
/// One open connection and the few ways the store talks to it. Statements name their parameters
/// (<c>@ws</c>); arguments are given in the order the names first appear. Commands are prepared once and
/// reused, which is most of SQLite's speed on bulk writes.
/// </summary>
internal sealed partial class Database : IDisposable
{
    private const int BatchCommands = 1000;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);
    // Most statements are string literals, which are interned: finding them by reference skips hashing a
    // few hundred characters on every execution (measurable when a batch runs thousands of statements).
    private readonly Dictionary<string, DbCommand> _literalCommands = new(ReferenceEqualityComparer.Instance);
    private DbTransaction? _transaction;
    private SqliteRows? _rows;

    public Database(DbConnection connection, SqlDialect dialect)
    {
        Connection = connection;
        Dialect = dialect;
    }

    public DbConnection Connection { get; }

    public SqlDialect Dialect { get; }

    public bool InTransactionNow => _transaction is not null;

    public int Execute(string sql, params object?[] args) => Prepare(sql, args).ExecuteNonQuery();

    public T? Scalar<T>(string sql, params object?[] args)
    {
        object? value = Prepare(sql, args).ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<T> Query<T>(string sql, Func<DbDataReader, T> map, params object?[] args)
    {
        var rows = new List<T>();
        ForEach(sql, r => rows.Add(map(r)), args);
        return rows;
    }

    /// <summary>Streams rows to <paramref name="each"/>; no other statement may run until it returns.</summary>
    public void ForEach(string sql, Action<DbDataReader> each, params object?[] args)
    {
        using DbDataReader reader = Prepare(sql, args).ExecuteReader();
        while (reader.Read())
        {
            each(reader);
        }
    }

    /// <summary>
    /// Runs one statement per row: on SQLite prepared once and re-bound through SQLitePCL (<see cref="SqliteRows"/>),
    /// elsewhere (PostgreSQL) pipelined in batches.
    /// </summary>
    public void ExecuteMany(string sql, IEnumerable<object?[]> rows)
    {
        if (Connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            Statement parsed = Parse(sql);
            (_rows ??= new SqliteRows(sqlite)).Execute(parsed.Text, parsed.Names, rows);
            return;
        }

        Statement statement = Parse(sql);
        DbBatch? batch = null;
        try
        {
            foreach (object?[] row in rows)
            {
                batch ??= NewBatch();
                DbBatchCommand command = batch.CreateBatchCommand();
                command.CommandText = statement.Text;
                foreach (object? value in row)
                {
                    DbParameter p = command.CreateParameter();
                    p.Value = value ?? DBNull.Value;
                    command.Parameters.Add(p);
                }

                batch.BatchCommands.Add(command);
                if (batch.BatchCommands.Count >= BatchCommands)
                {
                    batch.ExecuteNonQuery();
                    batch.Dispose();
                    batch = null;
                }
            }

            batch?.ExecuteNonQuery();
        }
        finally
        {
            batch?.Dispose();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction (or in the one already open).</summary>
    public void InTransaction(Action work) => InTransaction(() =>
    {
        work();
        return 0;
    });

    public T InTransaction<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_transaction is not null)
        {
            return work();
        }

        _transaction = Connection.BeginTransaction(IsolationLevel.ReadCommitted);
        try
        {
            T result = work();
            _transaction.Commit();
            return result;
        }
        catch
        {
            _transaction.Rollback();
            throw;
        }
        finally
        {
            _transaction.Dispose();
            _transaction = null;
        }
    }

    public object List(IReadOnlyCollection<string> values) => Dialect.ListValue(values);

    public void Dispose()
    {
        foreach (DbCommand command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _literalCommands.Clear();
        // Before the connection: a statement still prepared would keep it from closing.
        _rows?.Dispose();
        _transaction?.Dispose();
        Connection.Dispose();
    }

    private DbBatch NewBatch()
    {
        DbBatch batch = Connection.CreateBatch();
        batch.Transaction = _transaction;
        return batch;
    }

    private DbCommand Prepare(string sql, object?[] args)
    {
        if (_literalCommands.TryGetValue(sql, out DbCommand? literal) && literal.Parameters.Count == args.Length)
        {
            return Bind(literal, args);
        }

        Statement statement = Parse(sql);
        if (statement.Names.Length != args.Length)
        {
            throw new ArgumentException($"statement takes {statement.Names.Length} arguments, got {args.Length}: {sql}", nameof(args));
        }

        if (!_commands.TryGetValue(sql, out DbCommand? command))
        {
            command = Connection.CreateCommand();
            command.CommandText = statement.Text;
            foreach (string name in statement.Names)
            {
                DbParameter p = command.CreateParameter();
                if (!Dialect.PositionalParameters)
                {
                    p.ParameterName = name;
                }

                command.Parameters.Add(p);
            }

            _commands[sql] = command;
            if (string.IsInterned(sql) is not null)
            {
                _literalCommands[sql] = command;
            }
        }

        return Bind(command, args);
    }

    private DbCommand Bind(DbCommand command, object?[] args)
    {
        command.Transaction = _transaction;
        for (int i = 0; i < args.Length; i++)
        {
            command.Parameters[i].Value = args[i] ?? DBNull.Value;
        }

        return command;
    }

    private Statement Parse(string sql)
    {
        if (_statements.TryGetValue(sql, out Statement? known))
        {
            return known;
        }

        var names = new List<string>();
        string text = ParameterName().Replace(sql, m =>
        {
            string name = m.Value;
            int index = names.IndexOf(name);
            if (index < 0)
            {
                names.Add(name);
                index = names.Count - 1;
            }

            return Dialect.PositionalParameters ? "$" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : name;
        });
        var statement = new Statement(text, [.. names]);
        _statements[sql] = statement;
        return statement;
    }

    [GeneratedRegex("@[a-z_][a-z0-9_]*")]
    private static partial Regex ParameterName();

    private sealed record Statement(string Text, string[] Names);
}

/// <summary>Reading helpers for the column types the store uses.</summary>
internal static class ReaderExtensions
{
    public static string? NullableString(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long Long(this DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static int Int(this DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Joins keys for the one-column key lists the store keeps.</summary>
    public static string JoinKeys(IEnumerable<string> keys)
    {
        var sb = new StringBuilder();
        foreach (string k in keys)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(k);
        }

        return sb.ToString();
    }
}
