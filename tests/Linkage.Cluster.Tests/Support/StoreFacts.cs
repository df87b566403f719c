using Linkage.Storage;

namespace Linkage.Cluster.Tests.Support;

/// <summary>What a store holds for a workspace, read for comparing a cluster's result with one machine's.</summary>
internal static class StoreFacts
{
    /// <summary>Activity id → stored association line.</summary>
    public static Dictionary<string, string?> Lines(string connection, string workspace)
    {
        using ILinkageStore store = LinkageStore.Open(connection, create: false);
        var lines = new Dictionary<string, string?>(StringComparer.Ordinal);
        store.ExportAssociations(workspace, a => lines[a.ActivityId] = a.ExportLine);
        return lines;
    }

    public static long Pending(string connection, string workspace)
    {
        using ILinkageStore store = LinkageStore.Open(connection, create: false);
        return store.Counts(workspace).Pending;
    }

    /// <summary>Activities with more than one history entry: a duplicated write shows up here.</summary>
    public static List<(string Id, long Entries)> RepeatedHistory(string connection) =>
        PostgresServer.Query(connection,
            "SELECT activity_id, COUNT(*) FROM history GROUP BY ws, activity_id HAVING COUNT(*) > 1 ORDER BY 1 LIMIT 20",
            r => (r.GetString(0), r.GetInt64(1)));

    public static long HistoryRows(string connection) =>
        PostgresServer.Query(connection, "SELECT COUNT(*) FROM history", r => r.GetInt64(0))[0];

    /// <summary>The ids whose lines differ between two exports (first few), for a readable failure.</summary>
    public static string Differences(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string?> actual)
    {
        var missing = expected.Keys.Where(k => !actual.ContainsKey(k)).Take(5).ToList();
        var extra = actual.Keys.Where(k => !expected.ContainsKey(k)).Take(5).ToList();
        var differ = expected.Where(e => actual.TryGetValue(e.Key, out string? a) && a != e.Value).Take(3)
            .Select(e => $"{e.Key}: expected {e.Value} got {actual[e.Key]}").ToList();
        return $"{expected.Count} expected, {actual.Count} stored; missing [{string.Join(", ", missing)}] extra [{string.Join(", ", extra)}] differ [{string.Join(" | ", differ)}]";
    }
}
