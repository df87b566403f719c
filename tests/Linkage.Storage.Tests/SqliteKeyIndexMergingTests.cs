using Linkage.Storage.Sql;
using Linkage.Storage.Tests.Support;

namespace Linkage.Storage.Tests;

/// <summary>
/// SQLite's FTS5 key index merges its segments <see cref="ActivityKeyTerms.AutoMerge"/> at a time (schema
/// step 7): fewer rewrites of every term per stored activity, and still every activity found by its keys.
/// </summary>
public sealed class SqliteKeyIndexMergingTests : IDisposable
{
    private const string Ws = KeyIndexStores.Ws;
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-merging-").FullName;
    private readonly ManualClock _clock = new(TestWorld.Time("2026-03-01T12:00:00Z"));

    private string Db => Path.Combine(_folder, "linkage.db");

    [Theory]
    [InlineData("automerge", ActivityKeyTerms.AutoMerge)]
    [InlineData("crisismerge", ActivityKeyTerms.CrisisMerge)]
    public void A_new_store_sets_how_its_key_index_merges(string setting, long value)
    {
        LinkageStore.Open(Db, _clock).Dispose();

        Assert.Equal(value, SqliteSchemas.KeyIndexSetting(Db, setting));
    }

    [Fact]
    public void A_store_of_schema_6_is_upgraded_to_the_new_merging()
    {
        LinkageStore.Open(Db, _clock).Dispose();
        SqliteSchemas.DowngradeTo6(Db);
        Assert.Null(SqliteSchemas.KeyIndexSetting(Db, "automerge"));

        using ILinkageStore store = LinkageStore.Open(Db, _clock);

        Assert.Equal(ActivityKeyTerms.AutoMerge, SqliteSchemas.KeyIndexSetting(Db, "automerge"));
    }

    [Fact]
    public void Activities_filed_over_more_commits_than_a_merge_takes_are_all_found_by_their_keys()
    {
        using ILinkageStore store = Loaded();
        // Each associate files its activities in a transaction of its own: one FTS5 segment each, and
        // several merges of them on the way.
        int rounds = 3 * ActivityKeyTerms.AutoMerge;
        for (int i = 0; i < rounds; i++)
        {
            store.ImportActivities(Ws, [TestWorld.Email($"M{i}", i % 2 == 0 ? "bob@acme.com" : "jane@acme.com")]);
            store.Associate(Ws);
        }

        Assert.Equal(rounds / 2, Found(store, "e:bob@acme.com").Count(id => id.StartsWith('M')));
    }

    [Fact]
    public void An_activity_moved_to_other_keys_after_many_merges_is_found_only_by_its_new_ones()
    {
        using ILinkageStore store = Loaded();
        for (int i = 0; i < 2 * ActivityKeyTerms.AutoMerge; i++)
        {
            store.ImportActivities(Ws, [TestWorld.Email($"M{i}", "jane@acme.com")]);
            store.Associate(Ws);
        }

        store.ImportActivities(Ws, [TestWorld.Email("M0", "bob@acme.com")]);
        store.Associate(Ws);

        Assert.Equal((false, true), (Found(store, "e:jane@acme.com").Contains("M0"), Found(store, "e:bob@acme.com").Contains("M0")));
    }

    private ILinkageStore Loaded() => KeyIndexStores.Loaded(Db, _clock);

    private static string[] Found(ILinkageStore store, string key) => KeyIndexStores.Found(store, key);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
