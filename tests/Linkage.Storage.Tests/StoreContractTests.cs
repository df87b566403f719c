using CsCheck;
using Linkage.Core.Model;
using Linkage.Storage.Records;
using Linkage.Storage.Tests.Support;

namespace Linkage.Storage.Tests;

/// <summary>
/// What every back end must do, run unchanged against each (see the subclasses at the end of this file).
/// Each test gets an empty store of its own.
/// </summary>
public abstract partial class StoreContractTests : IDisposable
{
    private const string Ws = "default";
    private readonly ManualClock _clock = new(TestWorld.Time("2026-03-01T12:00:00Z"));
    private readonly List<ILinkageStore> _open = [];

    /// <summary>Where this test's store lives: a SQLite file path or a PostgreSQL connection string.</summary>
    protected abstract string Location { get; }

    private ILinkageStore Open(StoreTuning? tuning = null)
    {
        ILinkageStore store = LinkageStore.Open(Location, _clock, tuning);
        _open.Add(store);
        return store;
    }

    private ILinkageStore Loaded(StoreTuning? tuning = null)
    {
        ILinkageStore store = Open(tuning);
        store.ReplaceSettings(Ws, TestWorld.Settings);
        store.ImportCrm(Ws, TestWorld.Snapshot(), replace: false);
        store.ImportActivities(Ws, TestWorld.Activities());
        store.Associate(Ws);
        return store;
    }

    [ContractFact]
    public void Migrations_run_once_and_a_reopened_store_keeps_its_data()
    {
        ILinkageStore first = Loaded();
        Assert.Equal(7, first.SchemaVersion);
        first.Dispose();
        ILinkageStore again = Open();
        Assert.Equal(7, again.SchemaVersion);
        Assert.Equal(8, again.Counts(Ws).Associations);
        Assert.Equal(["default"], again.Workspaces());
    }

    [ContractFact]
    public void Api_key_hashes_name_their_workspace_only()
    {
        using ILinkageStore store = Loaded();
        Assert.True(store.CreateWorkspace("other"));
        Assert.False(store.CreateWorkspace("other"));
        store.AddApiKey(Ws, "hash-1", "one");
        store.AddApiKey("other", "hash-2", "two");
        Assert.Equal(Ws, store.WorkspaceOfApiKey("hash-1"));
        Assert.Equal("other", store.WorkspaceOfApiKey("hash-2"));
        Assert.Null(store.WorkspaceOfApiKey("hash-3"));
        Assert.Throws<StoreException>(() => store.AddApiKey("nobody", "hash-4", ""));
    }

    [ContractFact]
    public void Submitted_activities_are_stored_with_the_engine_s_line_and_leave_the_queue()
    {
        using ILinkageStore store = Loaded();
        Activity[] submitted = [TestWorld.Email("S1", "jane@acme.com"), TestWorld.Email("E2", "lee@hooli.io"), TestWorld.Email("S1", "bob@acme.com")];
        var associator = Linkage.Core.Engine.Associator.Create(TestWorld.Snapshot(), TestWorld.Settings);
        IReadOnlyList<string> lines = store.Submit(Ws, submitted, associator);
        Assert.Equal(2, lines.Count);
        Assert.Contains("\"activityId\":\"S1\"", lines[0]);
        Assert.Contains("\"contacts\":[\"C2\"]", lines[0]);
        Assert.Contains("\"contacts\":[\"C4\"]", lines[1]);
        Assert.Equal(0, store.Counts(Ws).Pending);
        Activity[] all = [.. TestWorld.Activities().Where(a => a.Id != "E2"), submitted[1], submitted[2]];
        Oracle.AssertMatches(store, Ws, TestWorld.Snapshot(), TestWorld.Settings, all);
        Assert.Equal(["new activity"], store.History(Ws, "S1").Select(h => h.Cause));
    }

    [ContractFact]
    public void A_plan_computed_with_a_replaced_engine_is_computed_again_when_written()
    {
        using ILinkageStore store = Loaded();
        var before = Linkage.Core.Engine.Associator.Create(new CrmSnapshot(), TestWorld.Settings);
        var current = Linkage.Core.Engine.Associator.Create(TestWorld.Snapshot(), TestWorld.Settings);
        SubmitPlan plan = new SubmitPlanner(before, TestWorld.Settings).Plan(Ws, [TestWorld.Email("S1", "bob@acme.com")]);

        IReadOnlyList<string> lines = store.Submit(plan, current);

        Assert.Contains("\"contacts\":[\"C2\"]", Assert.Single(lines));
    }

    [ContractFact]
    public void Combined_plans_are_written_as_one_submission_in_their_order()
    {
        using ILinkageStore store = Loaded();
        var associator = Linkage.Core.Engine.Associator.Create(TestWorld.Snapshot(), TestWorld.Settings);
        var planner = new SubmitPlanner(associator, TestWorld.Settings);
        SubmitPlan first = planner.Plan(Ws, [TestWorld.Email("S1", "jane@acme.com")]);
        SubmitPlan second = planner.Plan(Ws, [TestWorld.Email("E2", "lee@hooli.io"), TestWorld.Email("S2", "bob@acme.com")]);

        IReadOnlyList<string> lines = store.Submit(SubmitPlan.Combine([first, second]), associator);

        Assert.Equal(["S1", "E2", "S2"], lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("activityId").GetString()));
        Assert.Equal(0, store.Counts(Ws).Pending);
        Assert.Equal(["new activity"], store.History(Ws, "S2").Select(h => h.Cause));
    }

    [ContractFact]
    public void Activities_are_found_by_their_keys_in_import_order()
    {
        using ILinkageStore store = Loaded();
        string[] order = [.. TestWorld.Activities().Select(a => a.Id)];
        string[] byAccount = [.. store.ActivitiesByKeys(Ws, ["i:A1"], 10).Select(e => e.Activity.Id)];
        Assert.Contains("E1", byAccount);
        Assert.Contains("K1", byAccount);
        Assert.DoesNotContain("E6", byAccount);
        Assert.Equal(byAccount.OrderBy(id => Array.IndexOf(order, id)), byAccount);
        Assert.Equal(["E1", "K1"], store.ActivitiesByKeys(Ws, [.. Keys.SearchKeys.Email("JANE@acme.com"), .. Keys.SearchKeys.Phone("+1 415 555 0100", TestWorld.Settings)], 10).Select(e => e.Activity.Id));
        Assert.Equal(["E1"], store.ActivitiesByKeys(Ws, ["i:A1"], 1).Select(e => e.Activity.Id));
        Assert.Empty(store.ActivitiesByKeys(Ws, ["i:nothing"], 10));
        var seen = new List<string>();
        store.ForEachActivity(Ws, e => seen.Add(e.Activity.Id));
        Assert.Equal(order, seen);
    }

    [ContractFact]
    public void Associating_stores_the_engine_s_line_for_every_activity()
    {
        ILinkageStore store = Loaded();
        Oracle.AssertMatches(store, Ws, TestWorld.Snapshot(), TestWorld.Settings, TestWorld.Activities());
        StoreCounts counts = store.Counts(Ws);
        Assert.Equal((1, 3, 3, 1, 2, 8, 8, 0), (counts.Users, counts.Accounts, counts.Contacts, counts.Leads, counts.Deals, counts.Activities, counts.Associations, counts.Pending));
    }

    [ContractFact]
    public void Workspaces_are_isolated()
    {
        ILinkageStore store = Loaded();
        store.ImportCrm("other", new CrmSnapshot { Contacts = [new Contact { Id = "C1", Emails = ["someone@else.org"] }] }, replace: false);
        store.ImportActivities("other", [TestWorld.Email("E1", "jane@acme.com")]);
        store.Associate("other");
        Assert.Contains("\"status\":\"unmatched\"", store.Association("other", "E1")!.AutomaticLine, StringComparison.Ordinal);
        Assert.Contains("\"contacts\":[\"C1\"]", store.Association(Ws, "E1")!.AutomaticLine, StringComparison.Ordinal);
        Assert.Equal(["default", "other"], store.Workspaces());
        Assert.Equal(1, store.Counts("other").Contacts);
        Assert.Throws<StoreException>(() => store.Counts("missing"));
    }

    [ContractFact]
    public void Importing_the_same_crm_and_activities_again_changes_and_queues_nothing()
    {
        ILinkageStore store = Loaded();
        ImportReport crm = store.ImportCrm(Ws, TestWorld.Snapshot(), replace: true);
        ImportReport activities = store.ImportActivities(Ws, TestWorld.Activities());
        Assert.Equal(new ImportReport(0, 0, 10, 0, 0), crm);
        Assert.Equal(new ImportReport(0, 0, 8, 0, 0), activities);
        Assert.Equal(0, store.Counts(Ws).Pending);
        Assert.Equal(8, store.Counts(Ws).History);
    }

    [ContractFact]
    public void A_contact_change_recomputes_only_the_activities_sharing_its_keys()
    {
        ILinkageStore store = Loaded();
        CrmSnapshot snapshot = TestWorld.Snapshot();
        var moved = new Contact { Id = "C4", Emails = ["lee@hooli.io"], AccountId = "A2" };
        ImportReport report = store.ApplyCrmChanges(Ws, [CrmRecord.Of(moved)], []);
        Assert.Equal(1, report.Queued);
        Assert.Equal("contact C4 changed", store.Association(Ws, "E5")!.PendingReason);
        AssociateReport run = store.Associate(Ws);
        Assert.Equal((1L, 1L, false), (run.Recomputed, run.Changed, run.WholeSnapshot));
        Oracle.AssertMatches(store, Ws, snapshot with { Contacts = [.. snapshot.Contacts.Where(c => c.Id != "C4"), moved] },
            TestWorld.Settings, TestWorld.Activities());
    }

    [ContractFact]
    public void An_account_domain_change_reassociates_activities_on_the_old_and_the_new_domain()
    {
        ILinkageStore store = Loaded();
        CrmSnapshot snapshot = TestWorld.Snapshot();
        var a2 = new Account { Id = "A2", Domains = ["initech.com"] };
        store.ApplyCrmChanges(Ws, [CrmRecord.Of(a2)], []);
        AssociateReport run = store.Associate(Ws);
        Assert.Equal(2, run.Recomputed);
        Oracle.AssertMatches(store, Ws, snapshot with { Accounts = [.. snapshot.Accounts.Where(a => a.Id != "A2"), a2] },
            TestWorld.Settings, TestWorld.Activities());
        Assert.Contains("\"accounts\":[\"A2\"]", store.Association(Ws, "E6")!.AutomaticLine, StringComparison.Ordinal);
    }

    [ContractFact]
    public void A_deal_change_reaches_the_activities_on_its_account()
    {
        ILinkageStore store = Loaded();
        CrmSnapshot snapshot = TestWorld.Snapshot();
        var d3 = new Deal { Id = "D3", AccountId = "A1", CreatedAt = TestWorld.Time("2026-02-15T00:00:00Z") };
        store.ApplyCrmChanges(Ws, [CrmRecord.Of(d3)], []);
        store.Associate(Ws);
        Oracle.AssertMatches(store, Ws, snapshot with { Deals = [.. snapshot.Deals, d3] }, TestWorld.Settings, TestWorld.Activities());
        Assert.Contains("D3", store.Association(Ws, "E1")!.AutomaticLine, StringComparison.Ordinal);
    }

    [ContractFact]
    public void Replace_deletes_what_the_snapshot_lacks_and_reassociates()
    {
        ILinkageStore store = Loaded();
        CrmSnapshot smaller = TestWorld.Snapshot() with { Contacts = [.. TestWorld.Snapshot().Contacts.Where(c => c.Id != "C1")] };
        ImportReport report = store.ImportCrm(Ws, smaller, replace: true);
        Assert.Equal(1, report.Deleted);
        store.Associate(Ws);
        Assert.Equal(2, store.Counts(Ws).Contacts);
        Oracle.AssertMatches(store, Ws, smaller, TestWorld.Settings, TestWorld.Activities());
    }

    [ContractFact]
    public void A_settings_change_requeues_every_activity()
    {
        ILinkageStore store = Loaded();
        var settings = TestWorld.Settings with { PublicEmailDomains = ["hooli.io"], DefaultPhoneRegion = "GB" };
        Assert.True(store.ReplaceSettings(Ws, settings));
        Assert.False(store.ReplaceSettings(Ws, settings));
        Assert.Equal(8, store.Counts(Ws).Pending);
        store.Associate(Ws);
        Oracle.AssertMatches(store, Ws, TestWorld.Snapshot(), settings, TestWorld.Activities());
    }

    [ContractFact]
    public void A_changed_activity_is_requeued_and_reassociated()
    {
        ILinkageStore store = Loaded();
        Activity[] activities = TestWorld.Activities();
        activities[6] = TestWorld.Email("E7", "lee@hooli.io");
        Assert.Equal(new ImportReport(0, 1, 7, 0, 1), store.ImportActivities(Ws, activities));
        Assert.Equal(1, store.Associate(Ws).Recomputed);
        Oracle.AssertMatches(store, Ws, TestWorld.Snapshot(), TestWorld.Settings, activities);
    }

    [ContractFact]
    public void A_pin_survives_automatic_runs_and_exports_as_manual()
    {
        ILinkageStore store = Loaded();
        store.Pin(Ws, "E5", new StoredIds(["C9", "C1"], ["A1"], [], ["D1"]));
        store.ApplyCrmChanges(Ws, [CrmRecord.Of(new Contact { Id = "C4", Emails = ["lee@hooli.io"], AccountId = "A2" })], []);
        store.Associate(Ws);
        StoredAssociation e5 = store.Association(Ws, "E5")!;
        Assert.Equal(["C1", "C9"], e5.Pin!.Contacts);
        Assert.Contains("\"accounts\":[\"A2\"]", e5.AutomaticLine, StringComparison.Ordinal);
        Assert.StartsWith("{\"activityId\":\"E5\",\"status\":\"associated\",\"manual\":true,\"contacts\":[\"C1\",\"C9\"],\"accounts\":[\"A1\"],\"leads\":[],\"deals\":[\"D1\"]",
            e5.ExportLine, StringComparison.Ordinal);
        var exported = new List<string>();
        store.ExportAssociations(Ws, a => exported.Add(a.ExportLine!));
        Assert.Equal(8, exported.Count);
        Assert.Single(exported, l => l.Contains("\"manual\":true", StringComparison.Ordinal));
        Assert.StartsWith("{\"activityId\":\"E1\"", exported[0], StringComparison.Ordinal);
    }

    [ContractFact]
    public void Unpin_gives_back_the_automatic_association()
    {
        ILinkageStore store = Loaded();
        string automatic = store.Association(Ws, "E1")!.ExportLine!;
        store.Pin(Ws, "E1", new StoredIds([], [], ["L1"], []));
        Assert.True(store.Unpin(Ws, "E1"));
        Assert.False(store.Unpin(Ws, "E1"));
        Assert.Equal(automatic, store.Association(Ws, "E1")!.ExportLine);
    }

    [ContractFact]
    public void History_records_what_changed_when_and_why()
    {
        ILinkageStore store = Loaded();
        _clock.Now = TestWorld.Time("2026-03-02T08:00:00Z");
        store.ApplyCrmChanges(Ws, [CrmRecord.Of(new Contact { Id = "C4", Emails = ["lee@hooli.io"], AccountId = "A2" })], []);
        store.Associate(Ws);
        store.Pin(Ws, "E5", new StoredIds(["C4"], [], [], []));
        IReadOnlyList<HistoryEntry> history = store.History(Ws, "E5");
        Assert.Equal(3, history.Count);
        Assert.Equal(("new activity", "accounts +A3", false, TestWorld.Time("2026-03-01T12:00:00Z")),
            (history[0].Cause, history[0].Summary, history[0].Manual, history[0].At));
        Assert.Equal(("contact C4 changed", "accounts +A2 -A3", false, TestWorld.Time("2026-03-02T08:00:00Z")),
            (history[1].Cause, history[1].Summary, history[1].Manual, history[1].At));
        Assert.Equal(("pinned by hand", "contacts +C4; accounts -A2", true), (history[2].Cause, history[2].Summary, history[2].Manual));
    }

    [ContractFact]
    public void Unknown_activities_and_workspaces_are_told_not_thrown_at_random()
    {
        ILinkageStore store = Loaded();
        Assert.Null(store.Association(Ws, "nope"));
        Assert.Null(store.Activity(Ws, "nope"));
        Assert.Throws<StoreException>(() => store.Pin(Ws, "nope", new StoredIds(["C1"], [], [], [])));
        Assert.Throws<StoreException>(() => store.Associate("missing"));
    }

    [ContractFact]
    public void A_default_region_change_refiles_record_phones()
    {
        ILinkageStore store = Open();
        var settings = TestWorld.Settings with { DefaultPhoneRegion = "GB" };
        store.ReplaceSettings(Ws, settings);
        store.ImportCrm(Ws, new CrmSnapshot { Contacts = [new Contact { Id = "C1", Phones = ["020 7946 0958"], AccountId = "A1" }] }, replace: false);
        Activity call = TestWorld.Email("E1", "x@y.example") with { Participants = [new Participant { Phone = "+44 20 7946 0958" }] };
        store.ImportActivities(Ws, [call]);
        store.Associate(Ws);
        Assert.Contains("\"contacts\":[\"C1\"]", store.Association(Ws, "E1")!.AutomaticLine, StringComparison.Ordinal);
        store.ReplaceSettings(Ws, TestWorld.Settings);
        store.Associate(Ws);
        Assert.Contains("\"status\":\"unmatched\"", store.Association(Ws, "E1")!.AutomaticLine, StringComparison.Ordinal);
    }

    [ContractFact]
    public void Random_change_sequences_match_a_full_recompute()
    {
        var tuning = new StoreTuning { WholeSnapshotThreshold = long.MaxValue, NeighbourhoodBatch = 4, ImportBatch = 3 };
        ILinkageStore store = Open(tuning);
        int n = 0;
        Gen.Select(RandomWorld.Record.Array[4, 14], RandomWorld.Record.Array[1, 3].Array[4, 6], RandomWorld.Activities, RandomWorld.Settings)
            .Sample((initial, changes, activities, settings) =>
            {
                string ws = "w" + n++;
                var model = initial.GroupBy(r => (r.Kind, r.Id)).ToDictionary(g => g.Key, g => g.Last());
                store.ReplaceSettings(ws, settings);
                store.ImportCrm(ws, Oracle.Snapshot(model.Values), replace: false);
                store.ImportActivities(ws, activities);
                store.Associate(ws);
                foreach (CrmRecord[] change in changes)
                {
                    // One deletion of a record this change does not write (one both written and deleted is written).
                    (RecordKind, string)[] gone = [.. model.Keys.Where(k => !change.Any(r => (r.Kind, r.Id) == k)).OrderBy(k => k).Take(1)];
                    foreach ((RecordKind, string) key in gone)
                    {
                        model.Remove(key);
                    }

                    foreach (CrmRecord r in change)
                    {
                        model[(r.Kind, r.Id)] = r;
                    }

                    store.ApplyCrmChanges(ws, change, gone);
                    store.Associate(ws);
                    Oracle.AssertMatches(store, ws, Oracle.Snapshot(model.Values), settings, activities);
                }
            }, iter: 25, threads: 1);
    }

    public void Dispose()
    {
        foreach (ILinkageStore store in _open)
        {
            store.Dispose();
        }

        Cleanup();
        GC.SuppressFinalize(this);
    }

    protected abstract void Cleanup();
}

/// <summary>The contract on SQLite: a file in a temporary folder.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-store-").FullName;

    protected override string Location => Path.Combine(_folder, "linkage.db");

    protected override void Cleanup() => Directory.Delete(_folder, recursive: true);
}

/// <summary>The contract on PostgreSQL: a schema of its own in the server of LINKAGE_TEST_POSTGRES.</summary>
public sealed class PostgresStoreContractTests : StoreContractTests, INeedsPostgres
{
    private readonly Lazy<(string ConnectionString, string Schema)> _schema = new(PostgresServer.NewSchema);

    protected override string Location => _schema.Value.ConnectionString;

    protected override void Cleanup()
    {
        if (_schema.IsValueCreated)
        {
            PostgresServer.DropSchema(_schema.Value.Schema);
        }
    }
}
