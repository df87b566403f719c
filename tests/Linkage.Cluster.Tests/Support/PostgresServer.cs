using Npgsql;

namespace Linkage.Cluster.Tests.Support;

/// <summary>
/// The PostgreSQL server the cluster runs on, named by LINKAGE_TEST_POSTGRES (scripts/postgres.sh starts
/// one and exports it). Each test gets a schema of its own (store and membership tables), dropped afterwards.
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "LINKAGE_TEST_POSTGRES";

    private static readonly Lazy<string?> Problem = new(Check);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Outside CI a missing server skips the tests with this reason; under CI=true they run and fail.</summary>
    public static string? SkipReason => UnderCi || Problem.Value is null ? null
        : $"cluster tests skipped: {Problem.Value} (run 'source scripts/postgres.sh' or scripts/test.sh, which start one)";

    /// <summary>Creates a fresh schema and returns a connection string whose search path is it.</summary>
    public static (string ConnectionString, string Schema) NewSchema()
    {
        if (Problem.Value is { } problem)
        {
            throw new InvalidOperationException($"PostgreSQL is required here (CI=true) but {problem}");
        }

        string schema = "c" + Guid.NewGuid().ToString("N")[..16];
        Execute(ConnectionString!, $"CREATE SCHEMA {schema}");
        // Pooled: silos and the store open many short-lived connections.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema, MaxPoolSize = 30 };
        return (builder.ConnectionString, schema);
    }

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

    private static string? Check()
    {
        if (ConnectionString is not { } cs)
        {
            return $"{Variable} is not set";
        }

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
