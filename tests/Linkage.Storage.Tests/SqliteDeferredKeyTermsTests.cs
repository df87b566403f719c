using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Storage.Sql;
using Linkage.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Tests;

/// <summary>
/// On SQLite a server's submissions are filed in the FTS5 key index in batches (about
/// <see cref="ActivityKeyTerms.DeferredLimit"/> activities); until then look-ups read their stored keys,
/// so every look-up and every CRM change answers as if they were filed at once.
/// </summary>
public sealed class SqliteDeferredKeyTermsTests : IDisposable
{
    private const string Ws = KeyIndexStores.Ws;
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-deferred-").FullName;
    private readonly ManualClock _clock = new(TestWorld.Time("2026-03-01T12:00:00Z"));
    private readonly Associator _associator = Associator.Create(TestWorld.Snapshot(), TestWorld.Settings);

    private string Db => Path.Combine(_folder, "linkage.db");

    [Fact]
    public void A_submitted_activity_not_yet_filed_is_found_by_its_keys()
    {
        using ILinkageStore store = Loaded();
        store.Submit(Ws, [TestWorld.Email("S1", "bob@acme.com")], _associator);

        Assert.True(Unfiled() > 0);
        Assert.Equal(["S1"], Found(store, "e:bob@acme.com").Where(id => id == "S1"));
        Assert.Contains("S1", Found(store, "i:C2"));
    }

    [Fact]
    public void A_crm_change_queues_a_submitted_activity_not_yet_filed()
    {
        using ILinkageStore store = Loaded();
        store.Submit(Ws, [TestWorld.Email("S1", "jane@acme.com")], _associator);

        store.ImportCrm(Ws, TestWorld.Snapshot() with { Accounts = [.. TestWorld.Snapshot().Accounts.Where(a => a.Id != "A1")] }, replace: true);

        Assert.Contains("S1", PendingIds());
    }

    [Fact]
    public void An_unfiled_activity_resubmitted_with_other_keys_is_found_only_by_its_new_ones()
    {
        using ILinkageStore store = Loaded();
        store.Submit(Ws, [TestWorld.Email("S1", "jane@acme.com")], _associator);
        store.Submit(Ws, [TestWorld.Email("S1", "bob@acme.com")], _associator);

        Assert.DoesNotContain("S1", Found(store, "e:jane@acme.com"));
        Assert.Contains("S1", Found(store, "e:bob@acme.com"));
    }

    [Fact]
    public void Past_the_limit_submissions_are_filed_and_found_the_same()
    {
        using ILinkageStore store = Loaded();
        // The workspace's own activities were filed by 'associate': the limit-th submission files them all.
        for (int i = 0; i < ActivityKeyTerms.DeferredLimit; i++)
        {
            store.Submit(Ws, [TestWorld.Email($"S{i}", i % 2 == 0 ? "bob@acme.com" : "jane@acme.com")], _associator);
        }

        Assert.Equal(0, Unfiled());
        Assert.Equal(ActivityKeyTerms.DeferredLimit / 2, Found(store, "e:bob@acme.com").Count(id => id.StartsWith('S')));
    }

    [Fact]
    public void A_filed_activity_resubmitted_with_other_keys_moves_in_the_index()
    {
        using ILinkageStore store = Loaded();
        for (int i = 0; i < ActivityKeyTerms.DeferredLimit + 1; i++)
        {
            store.Submit(Ws, [TestWorld.Email($"S{i}", "jane@acme.com")], _associator);
        }

        store.Submit(Ws, [TestWorld.Email("S0", "bob@acme.com")], _associator);

        Assert.DoesNotContain("S0", Found(store, "e:jane@acme.com"));
        Assert.Contains("S0", Found(store, "e:bob@acme.com"));
    }

    [Fact]
    public void Associating_from_the_command_line_files_everything_at_once()
    {
        using ILinkageStore store = Loaded();
        store.Submit(Ws, [TestWorld.Email("S1", "bob@acme.com")], _associator);
        store.ImportActivities(Ws, [TestWorld.Email("I1", "bob@acme.com")]);

        store.Associate(Ws);

        Assert.Equal(0, Unfiled());
        Assert.Contains("S1", Found(store, "e:bob@acme.com"));
        Assert.Contains("I1", Found(store, "e:bob@acme.com"));
    }

    private ILinkageStore Loaded() => KeyIndexStores.Loaded(Db, _clock);

    private static string[] Found(ILinkageStore store, string key) => KeyIndexStores.Found(store, key);

    /// <summary>How many of the workspace's sequence numbers are past the key index's mark.</summary>
    private long Unfiled()
    {
        using SqliteConnection c = SqliteSchemas.Connect(Db);
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT next_seq - indexed_seq FROM workspaces";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string[] PendingIds() => SqliteSchemas.PendingIds(Db);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
