using System.Text.Json;
using Linkage.Core.Model;
using Linkage.Crm.Tests.Support;

namespace Linkage.Crm.Tests;

/// <summary>HubSpot CRM v3: the contacts search on phone and mobile phone.</summary>
public class HubSpotDirectoryTests
{
    private static async Task<CrmAnswer> Find(FakeCrmServer server)
    {
        using var client = new HttpClient();
        return await Lookups.HubSpot(server, client).FindByPhoneAsync(CrmJson.Number, RequestGate.Unlimited(), CancellationToken.None);
    }

    [Fact]
    public async Task Search_returns_the_contact_with_its_primary_company()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(CrmJson.HubSpotContact));
        Contact contact = Assert.Single((await Find(server)).Contacts);
        Assert.Equal(("51", "901", "+14155550199"), (contact.Id, contact.AccountId, contact.Phones[0]));
    }

    [Fact]
    public async Task The_request_posts_a_search_on_phone_or_mobile_phone_with_the_private_app_token()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(CrmJson.HubSpotEmpty));
        await Find(server);
        ReceivedRequest request = Assert.Single(server.Received);
        using JsonDocument body = JsonDocument.Parse(request.Body);
        string[] searched = [.. body.RootElement.GetProperty("filterGroups").EnumerateArray()
            .Select(g => g.GetProperty("filters")[0])
            .Select(f => $"{f.GetProperty("propertyName").GetString()} {f.GetProperty("operator").GetString()} {f.GetProperty("value").GetString()}")];
        Assert.Equal(("POST", "/crm/v3/objects/contacts/search", "Bearer hs-token", "phone EQ +14155550199 | mobilephone EQ +14155550199"),
            (request.Method, request.Path, request.Authorization, string.Join(" | ", searched)));
    }

    [Fact]
    public async Task An_empty_search_finds_nobody()
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(CrmJson.HubSpotEmpty));
        Assert.True((await Find(server)).IsEmpty);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"total":0}""")]
    [InlineData("""[1,2,3]""")]
    public async Task A_body_not_of_the_documented_shape_is_malformed(string body)
    {
        await using FakeCrmServer server = await FakeCrmServer.StartAsync(Reply.Json(body));
        await Assert.ThrowsAsync<CrmResponseException>(() => Find(server));
    }
}
