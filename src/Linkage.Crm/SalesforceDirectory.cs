using System.Text.Json;
using Linkage.Core.Model;

namespace Linkage.Crm;

/// <summary>Salesforce REST: one SOSL search over phone fields, returning contacts and leads.</summary>
public sealed class SalesforceDirectory : ICrmDirectory
{
    private const string ApiVersion = "v60.0";
    private readonly Uri _instance;
    private readonly CrmHttp _http;

    /// <summary>A directory over the org at <paramref name="instance"/> (for example https://acme.my.salesforce.com).</summary>
    public SalesforceDirectory(HttpClient client, Uri instance, string token, CrmResilienceOptions? resilience = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _instance = instance;
        _http = new CrmHttp(client, token, resilience ?? new CrmResilienceOptions());
    }

    /// <summary>The SOSL query for a number: its digits, because SOSL phone search ignores formatting.</summary>
    public static string Query(string phoneE164)
    {
        ArgumentNullException.ThrowIfNull(phoneE164);
        string digits = new([.. phoneE164.Where(char.IsAsciiDigit)]);
        return $"FIND {{{digits}}} IN PHONE FIELDS RETURNING " +
               "Contact(Id, AccountId, Email, Phone, MobilePhone, LastModifiedDate), " +
               "Lead(Id, Email, Phone, MobilePhone, IsConverted, ConvertedContactId, ConvertedAccountId, LastModifiedDate)";
    }

    public async Task<CrmAnswer> FindByPhoneAsync(string phoneE164, RequestGate gate, CancellationToken cancellationToken)
    {
        var uri = new Uri(_instance, $"/services/data/{ApiVersion}/search?q={Uri.EscapeDataString(Query(phoneE164))}");
        using JsonDocument document = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), gate, cancellationToken)
            .ConfigureAwait(false);
        return Parse(document.RootElement);
    }

    internal static CrmAnswer Parse(JsonElement root)
    {
        var contacts = new List<Contact>();
        var leads = new List<Lead>();
        foreach (JsonElement record in Json.RequiredArray(root, "searchRecords").EnumerateArray())
        {
            string? type = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("attributes", out JsonElement a)
                ? Json.String(a, "type")
                : null;
            // A record without an id cannot be linked to; skipping it is safer than inventing one.
            if (Json.String(record, "Id") is not { } id)
            {
                continue;
            }

            string[] phones = Json.Present(Json.String(record, "Phone"), Json.String(record, "MobilePhone"));
            if (type == "Contact")
            {
                contacts.Add(new Contact
                {
                    Id = id,
                    AccountId = Json.String(record, "AccountId"),
                    Emails = Json.Emails(Json.String(record, "Email")),
                    Phones = phones,
                    ModifiedAt = Json.Time(record, "LastModifiedDate"),
                    Origin = CrmAnswer.Origin,
                });
            }
            else if (type == "Lead")
            {
                leads.Add(new Lead
                {
                    Id = id,
                    Emails = Json.Emails(Json.String(record, "Email")),
                    Phones = phones,
                    IsConverted = Json.Bool(record, "IsConverted"),
                    ConvertedContactId = Json.String(record, "ConvertedContactId"),
                    ConvertedAccountId = Json.String(record, "ConvertedAccountId"),
                    ModifiedAt = Json.Time(record, "LastModifiedDate"),
                    Origin = CrmAnswer.Origin,
                });
            }
        }

        return new CrmAnswer(contacts, leads);
    }
}
