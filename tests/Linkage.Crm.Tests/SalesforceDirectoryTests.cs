using Linkage.Core.Model;
using Linkage.Crm.Tests.Support;

namespace Linkage.Crm.Tests;

/// <summary>Salesforce REST: one SOSL search over phone fields per look-up.</summary>
public class SalesforceDirectoryTests
{
    private static async Task<(CrmAnswer Answer, FakeCrmServer Server)> Find(Reply reply)
    {
        FakeCrmServer server = await FakeCrmServer.StartAsync(reply);
        using var client = new HttpClient();
        CrmAnswer answer = await Lookups.Salesforce(server, client).FindByPhoneAsync(CrmJson.Number, RequestGate.Unlimited(), CancellationToken.None);
        return (answer, server);
    }

    [Fact]
    public async Task Search_returns_the_contact_with_its_account()
    {
        (CrmAnswer answer, FakeCrmServer server) = await Find(Reply.Json(CrmJson.SalesforceContactAndLead));
        await using FakeCrmServer _ = server;
        Contact contact = Assert.Single(answer.Contacts);
        Assert.Equal(("003000000000001AAA", "001000000000001AAA"), (contact.Id, contact.AccountId));
    }

    [Fact]
    public async Task Search_returns_leads_beside_contacts()
    {
        (CrmAnswer answer, FakeCrmServer server) = await Find(Reply.Json(CrmJson.SalesforceContactAndLead));
        await using FakeCrmServer _ = server;
        Assert.Equal("00Q000000000001AAA", Assert.Single(answer.Leads).Id);
    }

    [Fact]
    public async Task Found_records_are_marked_as_coming_from_the_crm_api()
    {
        (CrmAnswer answer, FakeCrmServer server) = await Find(Reply.Json(CrmJson.SalesforceContactAndLead));
        await using FakeCrmServer _ = server;
        Assert.Equal(("crm-api", "crm-api"), (answer.Contacts[0].Origin, answer.Leads[0].Origin));
    }

    [Fact]
    public async Task Salesforce_times_with_a_colonless_offset_are_read()
    {
        (CrmAnswer answer, FakeCrmServer server) = await Find(Reply.Json(CrmJson.SalesforceContactAndLead));
        await using FakeCrmServer _ = server;
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero), answer.Contacts[0].ModifiedAt);
    }

    [Fact]
    public async Task Emails_are_kept_lower_case_like_every_other_record()
    {
        (CrmAnswer answer, FakeCrmServer server) = await Find(Reply.Json(CrmJson.SalesforceContactAndLead));
        await using FakeCrmServer _ = server;
        Assert.Equal(["dana.ruiz@initech.com"], answer.Contacts[0].Emails);
    }

    [Fact]
    public async Task The_request_is_a_sosl_search_in_phone_fields_with_the_bearer_token()
    {
        (_, FakeCrmServer server) = await Find(Reply.Json(CrmJson.SalesforceEmpty));
        await using FakeCrmServer running = server;
        ReceivedRequest request = Assert.Single(server.Received);
        Assert.Equal(("GET", "/services/data/v60.0/search", true, "Bearer sf-token"),
            (request.Method, request.Path, request.Query.StartsWith("?q=FIND {14155550199} IN PHONE FIELDS RETURNING Contact(", StringComparison.Ordinal),
             request.Authorization));
    }

    [Fact]
    public async Task An_empty_search_finds_nobody()
    {
        (CrmAnswer answer, FakeCrmServer server) = await Find(Reply.Json(CrmJson.SalesforceEmpty));
        await using FakeCrmServer _ = server;
        Assert.True(answer.IsEmpty);
    }

    [Fact]
    public async Task An_answer_without_search_records_is_malformed()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json("""{"records":[]}"""));
        using var client = new HttpClient();
        await Assert.ThrowsAsync<CrmResponseException>(() =>
            Lookups.Salesforce(server, client).FindByPhoneAsync(CrmJson.Number, RequestGate.Unlimited(), CancellationToken.None));
    }
}
