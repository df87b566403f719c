using System.Text.Json;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Storage.Tests.Support;

namespace Linkage.Storage.Tests;

/// <summary>The store's part in dialer look-ups: the day's budget, remembered misses, and found records joining the CRM.</summary>
public abstract partial class StoreContractTests
{
    private const string Unknown = "+14155550199";

    /// <summary>Finds one contact for <see cref="Unknown"/>, as a CRM API would; counts the look-ups.</summary>
    private sealed class OneContactApi : IDialerLookup
    {
        private int _asked;

        public int Asked => _asked;

        public DialerLookupResult Lookup(string phoneE164, Activity activity)
        {
            Interlocked.Increment(ref _asked);
            return phoneE164 == Unknown
                ? new DialerLookupResult([new Contact { Id = "C9", AccountId = "A3", Phones = [Unknown], Origin = "crm-api" }], [], ApiCalls: 1)
                : new DialerLookupResult([], [], ApiCalls: 1);
        }
    }

    private static Activity DialerCall(string id, string phone = Unknown) => new()
    {
        Id = id,
        Type = ActivityType.Call,
        Dialer = true,
        OccurredAt = TestWorld.Time("2026-02-11T09:30:00Z"),
        Participants = [new Participant { Email = "rep@ourco.com" }, new Participant { Phone = phone }],
    };

    private static JsonElement Line(ILinkageStore store, string id) => JsonDocument.Parse(store.Association(Ws, id)!.AutomaticLine!).RootElement;

    [ContractFact]
    public void The_days_api_budget_holds_across_stores_taking_calls_at_once()
    {
        ILinkageStore[] stores = [Loaded(), Open(), Open()];
        var day = new DateOnly(2026, 3, 1);
        int taken = 0;
        Parallel.For(0, stores.Length, s =>
        {
            for (int i = 0; i < 20; i++)
            {
                if (stores[s].TryTakeApiCall(Ws, day, dailyBudget: 25))
                {
                    Interlocked.Increment(ref taken);
                }
            }
        });
        Assert.Equal((25, 25L), (taken, stores[0].ApiCallsUsed(Ws, day)));
    }

    [ContractFact]
    public void The_api_budget_is_counted_per_day()
    {
        ILinkageStore store = Loaded();
        store.TryTakeApiCall(Ws, new DateOnly(2026, 3, 1), dailyBudget: 1);
        Assert.True(store.TryTakeApiCall(Ws, new DateOnly(2026, 3, 2), dailyBudget: 1));
    }

    [ContractFact]
    public void Remembered_misses_are_returned_until_they_expire()
    {
        ILinkageStore store = Loaded();
        DateTimeOffset now = _clock.GetUtcNow();
        store.RememberLookupMisses(Ws, [("+14155550101", now.AddHours(1)), ("+14155550102", now.AddHours(48))]);
        Assert.Equal(["+14155550102"], store.LookupMisses(Ws, now.AddHours(2)).Select(m => m.PhoneE164));
    }

    [ContractFact]
    public void A_contact_found_by_a_dialer_look_up_joins_the_workspaces_crm()
    {
        ILinkageStore store = Loaded();
        store.ImportActivities(Ws, [DialerCall("K9")]);
        store.Associate(Ws, dialer: new OneContactApi());
        Contact found = Assert.Single(store.Snapshot(Ws).Contacts, c => c.Id == "C9");
        Assert.Equal("crm-api", found.Origin);
    }

    [ContractFact]
    public void The_activity_that_paid_for_a_look_up_keeps_its_api_calls_and_source()
    {
        ILinkageStore store = Loaded();
        store.ImportActivities(Ws, [DialerCall("K9")]);
        store.Associate(Ws, dialer: new OneContactApi());
        JsonElement line = Line(store, "K9");
        Assert.Equal((1, "crm-api", "C9"), (line.GetProperty("crmApiCalls").GetInt32(),
            line.GetProperty("participants")[1].GetProperty("source").GetString(), line.GetProperty("contacts")[0].GetString()));
    }

    [ContractFact]
    public void The_next_call_with_a_found_number_costs_nothing()
    {
        ILinkageStore store = Loaded();
        var api = new OneContactApi();
        store.ImportActivities(Ws, [DialerCall("K9")]);
        store.Associate(Ws, dialer: api);
        store.ImportActivities(Ws, [DialerCall("K10")]);
        store.Associate(Ws, dialer: api);
        Assert.Equal((1, 0, "C9"), (api.Asked, Line(store, "K10").GetProperty("crmApiCalls").GetInt32(), Line(store, "K10").GetProperty("contacts")[0].GetString()));
    }

    [ContractFact]
    public void A_found_record_re_associates_other_activities_with_that_number()
    {
        ILinkageStore store = Loaded();
        // A plain (non-dialer) call with the number is unmatched until the dialer call's look-up finds who it is.
        Activity plain = DialerCall("K8") with { Dialer = false };
        store.ImportActivities(Ws, [plain]);
        store.Associate(Ws);
        store.ImportActivities(Ws, [DialerCall("K9")]);
        store.Associate(Ws, dialer: new OneContactApi());
        Assert.Equal("C9", Line(store, "K8").GetProperty("contacts")[0].GetString());
    }

    [ContractFact]
    public void Changing_only_the_api_budgets_re_queues_nothing()
    {
        ILinkageStore store = Loaded();
        store.ReplaceSettings(Ws, TestWorld.Settings with { CompanyDomains = ["ourco.com"], CrmApiDailyBudget = 5, CrmApiRunBudget = 1 });
        Assert.Equal((0L, 5), (store.Counts(Ws).Pending, store.Settings(Ws).CrmApiDailyBudget));
    }

    [ContractFact]
    public void With_the_whole_snapshot_in_memory_a_found_record_still_reaches_the_other_activities_of_its_number()
    {
        // K8 sorts before K9 in the same batch, so it is first associated without the record K9's look-up finds.
        ILinkageStore store = Loaded(StoreTuning.Default with { WholeSnapshotThreshold = 1 });
        store.ImportActivities(Ws, [DialerCall("K8") with { Dialer = false }, DialerCall("K9")]);
        AssociateReport run = store.Associate(Ws, dialer: new OneContactApi());
        Assert.Equal((true, "C9"), (run.WholeSnapshot, Line(store, "K8").GetProperty("contacts")[0].GetString()));
    }
}
