using Linkage.Crm;
using Linkage.Formats;

namespace Linkage.Cli;

/// <summary>
/// Which CRM API dialer calls may look unknown numbers up in, read from the environment so that the token
/// never appears in a command line or a settings file: <c>LINKAGE_CRM_API</c> (<c>salesforce</c> or
/// <c>hubspot</c>; unset means no look-ups), <c>LINKAGE_CRM_URL</c> (the Salesforce instance, or another
/// HubSpot API base) and <c>LINKAGE_CRM_TOKEN</c> (an OAuth access token or a HubSpot private-app token).
/// </summary>
internal sealed record CrmApiConfig(string Kind, Uri BaseUrl, string Token)
{
    /// <summary>Where a run on files keeps its ledger.</summary>
    public string Ledger { get; init; } = Storage.LinkageStore.DefaultLocation;

    public const string KindVariable = "LINKAGE_CRM_API";
    public const string UrlVariable = "LINKAGE_CRM_URL";
    public const string TokenVariable = "LINKAGE_CRM_TOKEN";

    /// <summary>For runs on files: the store that keeps the day's spent calls and remembered misses (<c>./linkage.db</c>).</summary>
    public const string LedgerVariable = "LINKAGE_CRM_LEDGER";

    /// <summary>The configuration, null when no CRM API is configured; a half-done one is an input error.</summary>
    public static CrmApiConfig? From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? kind = environment(KindVariable)?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(kind))
        {
            return null;
        }

        string token = environment(TokenVariable)?.Trim() is { Length: > 0 } t
            ? t
            : throw Problem($"{KindVariable} is '{kind}' but {TokenVariable} is not set");
        string? url = environment(UrlVariable)?.Trim();
        Uri? baseUrl = null;
        if (!string.IsNullOrEmpty(url) && (!Uri.TryCreate(url, UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("https" or "http")))
        {
            throw Problem($"{UrlVariable} '{url}' is not an http(s) address");
        }

        CrmApiConfig config = kind switch
        {
            "salesforce" => new CrmApiConfig(kind, baseUrl ?? throw Problem($"{KindVariable} is 'salesforce': set {UrlVariable} to the org's instance (https://yourorg.my.salesforce.com)"), token),
            "hubspot" => new CrmApiConfig(kind, baseUrl ?? HubSpotDirectory.DefaultBaseUrl, token),
            _ => throw Problem($"{KindVariable} '{kind}' is not a CRM Linkage can ask; use salesforce or hubspot"),
        };
        return environment(LedgerVariable)?.Trim() is { Length: > 0 } ledger ? config with { Ledger = ledger } : config;
    }

    /// <summary>The directory over <paramref name="client"/>.</summary>
    public ICrmDirectory Directory(HttpClient client, CrmResilienceOptions resilience) => Kind == "salesforce"
        ? new SalesforceDirectory(client, BaseUrl, Token, resilience)
        : new HubSpotDirectory(client, Token, BaseUrl, resilience);

    private static InputException Problem(string problem) => new("environment", null, problem);
}
