using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Storage.Tests.Support;

namespace Linkage.Storage.Tests;

/// <summary>
/// SQLite keeps activities and associations in arrival order with a unique index on the activity id
/// (schema step 5); a store written before that step is rebuilt when opened and answers as before.
/// </summary>
public sealed class SqliteArrivalOrderTests : IDisposable
{
    private const string Ws = "default";
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-order-").FullName;
    private readonly ManualClock _clock = new(TestWorld.Time("2026-03-01T12:00:00Z"));

    private string Db => Path.Combine(_folder, "linkage.db");

    [Fact]
    public void A_new_store_keeps_activities_and_associations_in_rowid_tables()
    {
        using (LinkageStore.Open(Db, _clock))
        {
        }

        Assert.True(SqliteSchemas.IsRowidTable(Db, "activities") && SqliteSchemas.IsRowidTable(Db, "associations"));
    }

    [Fact]
    public void A_store_of_schema_4_is_upgraded_and_keeps_every_activity_and_line_in_order()
    {
        Load();
        string[] before = Entries();
        SqliteSchemas.DowngradeTo4(Db);
        Assert.False(SqliteSchemas.IsRowidTable(Db, "activities"));

        string[] after = Entries();

        Assert.Equal(before, after);
    }

    [Fact]
    public void The_upgrade_brings_the_store_to_schema_5()
    {
        Load();
        SqliteSchemas.DowngradeTo4(Db);

        using ILinkageStore store = LinkageStore.Open(Db, _clock);

        Assert.Equal(7, store.SchemaVersion);
        Assert.True(SqliteSchemas.IsRowidTable(Db, "activities") && SqliteSchemas.IsRowidTable(Db, "associations"));
    }

    [Fact]
    public void After_the_upgrade_a_resubmitted_activity_replaces_its_row_and_line()
    {
        Load();
        SqliteSchemas.DowngradeTo4(Db);
        using ILinkageStore store = LinkageStore.Open(Db, _clock);
        long activities = store.Counts(Ws).Activities;
        var associator = Associator.Create(TestWorld.Snapshot(), TestWorld.Settings);
        Activity first = TestWorld.Activities()[0];

        store.Submit(Ws, [TestWorld.Email(first.Id, "bob@acme.com")], associator);

        Assert.Equal((activities, activities), (store.Counts(Ws).Activities, store.Counts(Ws).Associations));
        Assert.Equal(["C2"], Ids(store, first.Id));
    }

    private void Load()
    {
        using ILinkageStore store = LinkageStore.Open(Db, _clock);
        store.ReplaceSettings(Ws, TestWorld.Settings);
        store.ImportCrm(Ws, TestWorld.Snapshot(), replace: false);
        store.ImportActivities(Ws, TestWorld.Activities());
        store.Associate(Ws);
    }

    /// <summary>Every activity in the store's order, with its JSON-visible parts and its association line.</summary>
    private string[] Entries()
    {
        using ILinkageStore store = LinkageStore.Open(Db, _clock);
        var entries = new List<string>();
        store.ForEachActivity(Ws, e => entries.Add($"{e.Activity.Id} {e.Activity.Participants.Count} {e.Association.AutomaticLine}"));
        return [.. entries];
    }

    private static string[] Ids(ILinkageStore store, string activityId)
    {
        string[] contacts = [];
        store.ForEachActivity(Ws, e =>
        {
            if (e.Activity.Id == activityId)
            {
                contacts = [.. System.Text.Json.JsonDocument.Parse(e.Association.AutomaticLine!).RootElement.GetProperty("contacts")
                    .EnumerateArray().Select(x => x.GetString()!)];
            }
        });
        return contacts;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
