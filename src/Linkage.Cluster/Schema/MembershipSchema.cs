using Npgsql;

namespace Linkage.Cluster.Schema;

/// <summary>
/// Creates Orleans' membership tables and queries in the store's PostgreSQL (Schema/membership.sql). Every
/// silo applies it before joining; silos starting together take turns on an advisory lock, and applying it
/// again changes nothing but the query texts.
/// </summary>
public static class MembershipSchema
{
    // Any fixed number: the lock only has to be the same for every silo of every Linkage version.
    private const long LockKey = 0x4C696E6B616765; // "Linkage"

    public static string Script { get; } = Load();

    public static void Apply(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using (var gate = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey})", connection, transaction))
        {
            gate.ExecuteNonQuery();
        }

        using (var command = new NpgsqlCommand(Script, connection, transaction))
        {
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static string Load()
    {
        using Stream stream = typeof(MembershipSchema).Assembly.GetManifestResourceStream("membership.sql")
            ?? throw new InvalidOperationException("membership.sql is not embedded in Linkage.Cluster");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
