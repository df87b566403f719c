using Npgsql;

namespace Linkage.Tests.Support;

/// <summary>
/// The PostgreSQL server tests run against, named by LINKAGE_TEST_POSTGRES (scripts/postgres.sh starts one
/// and exports it). Each test gets a schema of its own, dropped afterwards. Shared (as a linked file) by the
/// storage and cluster test projects.
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "LINKAGE_TEST_POSTGRES";

    private static readonly Lazy<string?> Problem = new(Check);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => Problem.Value;

    /// <summary>Outside CI a missing server skips the tests with this reason; under CI=true they run and fail.</summary>
    public static string? SkipReason => UnderCi || Unavailable is null ? null
        : $"PostgreSQL tests skipped: {Unavailable} (run 'source scripts/postgres.sh' or scripts/test.sh, which start one)";

    /// <summary>A fresh schema and a connection string whose search path is it, without pooling (closing releases all).</summary>
    public static (string ConnectionString, string Schema) NewSchema() => NewSchema(pooled: false);

    /// <summary>The same, pooled: silos and the store open many short-lived connections.</summary>
    public static (string ConnectionString, string Schema) NewPooledSchema() => NewSchema(pooled: true);

    public static void DropSchema(string schema) => Execute(ConnectionString!, $"DROP SCHEMA IF EXISTS {schema} CASCADE");

    public static void Execute(string connectionString, string sql)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    public static List<T> Query<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> map)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        using NpgsqlDataReader r = cmd.ExecuteReader();
        var rows = new List<T>();
        while (r.Read())
        {
            rows.Add(map(r));
        }

        return rows;
    }

    private static (string ConnectionString, string Schema) NewSchema(bool pooled)
    {
        if (Unavailable is { } problem)
        {
            throw new InvalidOperationException($"PostgreSQL is required here (CI=true) but {problem}");
        }

        string schema = "t" + Guid.NewGuid().ToString("N")[..16];
        Execute(ConnectionString!, $"CREATE SCHEMA {schema}");
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema };
        if (pooled)
        {
            builder.MaxPoolSize = 30;
        }
        else
        {
            builder.Pooling = false;
        }

        return (builder.ConnectionString, schema);
    }

    private static string? Check()
    {
        if (ConnectionString is not { } cs)
        {
            return $"{Variable} is not set";
        }

        // Generous and retried: on a loaded 2-core machine a first connection can take seconds.
        string? problem = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Timeout = 30 }.ConnectionString);
                c.Open();
                return null;
            }
            catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
            {
                problem = $"the server in {Variable} is not reachable ({ex.Message})";
            }
        }

        return problem;
    }
}
