using Npgsql;

namespace Linkage.Storage.Tests.Support;

/// <summary>
/// The PostgreSQL server the contract tests run against, named by LINKAGE_TEST_POSTGRES (scripts/postgres.sh
/// starts one and exports it). Each test gets a schema of its own, dropped afterwards.
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

    /// <summary>Creates a fresh schema and returns a connection string whose search path is it.</summary>
    public static (string ConnectionString, string Schema) NewSchema()
    {
        if (Unavailable is { } problem)
        {
            throw new InvalidOperationException($"PostgreSQL is required here (CI=true) but {problem}");
        }

        string schema = "t" + Guid.NewGuid().ToString("N")[..16];
        using (var c = new NpgsqlConnection(ConnectionString))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            cmd.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema, Pooling = false };
        return (builder.ConnectionString, schema);
    }

    public static void DropSchema(string schema)
    {
        using var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", c);
        cmd.ExecuteNonQuery();
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
                var builder = new NpgsqlConnectionStringBuilder(cs) { Timeout = 30 };
                using var c = new NpgsqlConnection(builder.ConnectionString);
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
