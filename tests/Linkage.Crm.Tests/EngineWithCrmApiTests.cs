using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Crm.Tests.Support;

namespace Linkage.Crm.Tests;

/// <summary>The engine with a live directory behind its dialer seam: who is looked up, and what the output says.</summary>
public class EngineWithCrmApiTests
{
    private static readonly CrmSnapshot Crm = new()
    {
        Users = [new CrmUser { Id = "U1", Emails = ["rep@ourco.com"] }],
        Accounts = [new Account { Id = "901", Website = "initech.com" }],
        Contacts = [new Contact { Id = "C1", AccountId = "901", Phones = ["+1 415 555 0100"] }],
    };

    private static async Task<(AssociationResult Result, int Requests)> Associate(Activity activity, string reply = CrmJson.HubSpotContact, int runBudget = 100)
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(reply));
        using var client = new HttpClient();
        DialerLookup dialer = Lookups.Dialer(Lookups.HubSpot(server, client), runBudget: runBudget);
        AssociationResult result = Associator.Create(Crm, new LinkageSettings { CompanyDomains = ["ourco.com"] }, dialer: dialer).Associate(activity);
        return (result, server.Requests);
    }

    [Fact]
    public async Task A_dialer_calls_unknown_number_is_linked_to_the_contact_the_crm_api_found()
    {
        (AssociationResult result, _) = await Associate(Lookups.Call());
        ParticipantResult callee = result.Participants[1];
        Assert.Equal((Rules.ContactPhone, "51", "901", "crm-api", 1), (callee.Rule, callee.ContactId, callee.AccountId, callee.Source, result.CrmApiCalls));
    }

    [Theory]
    [InlineData(false, ActivityType.Call)]
    [InlineData(true, ActivityType.Meeting)]
    [InlineData(true, ActivityType.Engagement)]
    public async Task Only_dialer_calls_reach_the_crm_api(bool dialer, ActivityType type)
    {
        (AssociationResult result, int requests) = await Associate(Lookups.Call(dialer: dialer, type: type));
        Assert.Equal((0, 0, Rules.None), (requests, result.CrmApiCalls, result.Participants[1].Rule));
    }

    [Fact]
    public async Task A_number_the_snapshot_knows_is_never_looked_up()
    {
        (AssociationResult result, int requests) = await Associate(Lookups.Call(phone: "(415) 555-0100"));
        Assert.Equal((0, "C1"), (requests, result.Participants[1].ContactId));
    }

    [Fact]
    public async Task A_number_the_crm_does_not_know_says_not_found()
    {
        (AssociationResult result, _) = await Associate(Lookups.Call(), CrmJson.HubSpotEmpty);
        Assert.Equal((Rules.None, LookupOutcomes.NotFound, 1), (result.Participants[1].Rule, result.Participants[1].Lookup, result.CrmApiCalls));
    }

    [Fact]
    public async Task A_spent_budget_leaves_the_participant_to_the_local_rules_marked_quota_exhausted()
    {
        (AssociationResult result, int requests) = await Associate(Lookups.Call(), runBudget: 0);
        Assert.Equal((Rules.None, LookupOutcomes.QuotaExhausted, 0), (result.Participants[1].Rule, result.Participants[1].Lookup, requests));
    }

    [Fact]
    public async Task A_spent_budget_is_a_warning_on_the_activity()
    {
        (AssociationResult result, _) = await Associate(Lookups.Call(), runBudget: 0);
        Assert.Contains(result.Warnings, w => w.Code == LookupOutcomes.QuotaExhausted);
    }

    [Fact]
    public async Task A_record_found_on_an_earlier_run_still_says_it_came_from_the_crm_api()
    {
        var found = new Contact { Id = "51", AccountId = "901", Phones = [CrmJson.Number], Origin = CrmAnswer.Origin };
        CrmSnapshot withFound = Crm with { Contacts = [.. Crm.Contacts, found] };
        AssociationResult result = Associator.Create(withFound, new LinkageSettings { CompanyDomains = ["ourco.com"] }).Associate(Lookups.Call());
        Assert.Equal(("51", "crm-api", 0), (result.Participants[1].ContactId, result.Participants[1].Source, result.CrmApiCalls));
    }
}
