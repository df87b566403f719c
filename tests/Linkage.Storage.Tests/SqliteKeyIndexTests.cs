using Linkage.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Tests;

/// <summary>
/// SQLite keeps the index of activities by key in an FTS5 table (schema step 4); a store written before
/// that step is moved into it when opened, and answers as before.
/// </summary>
public sealed class SqliteKeyIndexTests : IDisposable
{
    private const string Ws = "default";
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-keys-").FullName;
    private readonly ManualClock _clock = new(TestWorld.Time("2026-03-01T12:00:00Z"));

    private string Db => Path.Combine(_folder, "linkage.db");

    [Fact]
    public void A_store_of_schema_3_is_upgraded_and_finds_the_same_activities_by_key()
    {
        string[] keys = AllAssociationKeys();
        Dictionary<string, string[]> before = Found(keys);
        DowngradeToSchema3();

        Assert.Equal(before, Found(keys));
        Assert.False(TableExists("activity_keys"));
    }

    [Fact]
    public void After_the_upgrade_a_crm_change_queues_the_activities_filed_under_its_keys()
    {
        using (ILinkageStore store = LinkageStore.Open(Db, _clock))
        {
            store.ReplaceSettings(Ws, TestWorld.Settings);
            store.ImportCrm(Ws, TestWorld.Snapshot(), replace: false);
            store.ImportActivities(Ws, TestWorld.Activities());
            store.Associate(Ws);
        }

        DowngradeToSchema3();
        using ILinkageStore reopened = LinkageStore.Open(Db, _clock);
        string[] filedUnderA1 = [.. reopened.ActivitiesByKeys(Ws, ["i:A1"], 100).Select(e => e.Activity.Id)];
        reopened.ImportCrm(Ws, TestWorld.Snapshot() with { Accounts = [.. TestWorld.Snapshot().Accounts.Where(a => a.Id != "A1")] }, replace: true);

        Assert.NotEmpty(filedUnderA1);
        Assert.Subset(PendingIds().ToHashSet(), filedUnderA1.ToHashSet());
    }

    private string[] AllAssociationKeys()
    {
        using (ILinkageStore store = LinkageStore.Open(Db, _clock))
        {
            store.ReplaceSettings(Ws, TestWorld.Settings);
            store.ImportCrm(Ws, TestWorld.Snapshot(), replace: false);
            store.ImportActivities(Ws, TestWorld.Activities());
            store.Associate(Ws);
        }

        using SqliteConnection c = Connect();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT keys FROM associations";
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            keys.UnionWith(r.GetString(0).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return [.. keys];
    }

    private Dictionary<string, string[]> Found(string[] keys)
    {
        using ILinkageStore store = LinkageStore.Open(Db, _clock);
        return keys.ToDictionary(k => k, k => store.ActivitiesByKeys(Ws, [k], 1000).Select(e => e.Activity.Id).ToArray());
    }

    private void DowngradeToSchema3() => SqliteSchemas.DowngradeTo3(Db);

    private string[] PendingIds() => SqliteSchemas.PendingIds(Db);

    private bool TableExists(string name) => SqliteSchemas.TableExists(Db, name);

    private SqliteConnection Connect() => SqliteSchemas.Connect(Db);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
