using System.Net.Http.Json;
using System.Text.Json;
using Linkage.Core.Model;

namespace Linkage.Crm;

/// <summary>
/// HubSpot CRM v3: the contacts search on <c>phone</c> or <c>mobilephone</c>. The company comes from the
/// <c>associatedcompanyid</c> property (the primary company association), so one look-up is one request.
/// HubSpot has no separate lead object for this purpose, so no leads are returned.
/// </summary>
public sealed class HubSpotDirectory : ICrmDirectory
{
    public static readonly Uri DefaultBaseUrl = new("https://api.hubapi.com");
    private readonly Uri _searchUri;
    private readonly CrmHttp _http;

    public HubSpotDirectory(HttpClient client, string token, Uri? baseUrl = null, CrmResilienceOptions? resilience = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _searchUri = new Uri(baseUrl ?? DefaultBaseUrl, "/crm/v3/objects/contacts/search");
        _http = new CrmHttp(client, token, resilience ?? new CrmResilienceOptions());
    }

    /// <summary>The search body: two filter groups are OR-ed, so either phone field may match.</summary>
    public static object Body(string phoneE164) => new
    {
        filterGroups = new[]
        {
            new { filters = new[] { new { propertyName = "phone", @operator = "EQ", value = phoneE164 } } },
            new { filters = new[] { new { propertyName = "mobilephone", @operator = "EQ", value = phoneE164 } } },
        },
        properties = new[] { "email", "phone", "mobilephone", "lastmodifieddate", "associatedcompanyid" },
        limit = 20,
    };

    public async Task<CrmAnswer> FindByPhoneAsync(string phoneE164, RequestGate gate, CancellationToken cancellationToken)
    {
        object body = Body(phoneE164);
        using JsonDocument document = await _http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, _searchUri) { Content = JsonContent.Create(body) },
            gate, cancellationToken).ConfigureAwait(false);
        return Parse(document.RootElement);
    }

    internal static CrmAnswer Parse(JsonElement root)
    {
        var contacts = new List<Contact>();
        foreach (JsonElement result in Json.RequiredArray(root, "results").EnumerateArray())
        {
            if (Json.String(result, "id") is not { } id)
            {
                continue;
            }

            JsonElement properties = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("properties", out JsonElement p)
                ? p
                : default;
            contacts.Add(new Contact
            {
                Id = id,
                AccountId = Json.String(properties, "associatedcompanyid"),
                Emails = Json.Emails(Json.String(properties, "email")),
                Phones = Json.Present(Json.String(properties, "phone"), Json.String(properties, "mobilephone")),
                ModifiedAt = Json.Time(properties, "lastmodifieddate") ?? Json.Time(result, "updatedAt"),
                Origin = CrmAnswer.Origin,
            });
        }

        return new CrmAnswer(contacts, []);
    }
}
