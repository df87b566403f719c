using System.Globalization;
using System.Text.Json;

namespace Linkage.Crm;

/// <summary>Lenient reads of optional fields; a wrong type counts as absent, a missing required shape throws.</summary>
internal static class Json
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) &&
        value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    public static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) &&
        value.ValueKind == JsonValueKind.True;

    public static DateTimeOffset? Time(JsonElement element, string name) =>
        String(element, name) is { } text &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time
            : null;

    public static JsonElement RequiredArray(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) &&
        value.ValueKind == JsonValueKind.Array
            ? value
            : throw new CrmResponseException($"the CRM API answer has no '{name}' array");

    public static string[] Present(params string?[] values) =>
        [.. values.Where(v => v is not null).Select(v => v!).Distinct(StringComparer.Ordinal)];

    /// <summary>Emails are compared case-insensitively everywhere else, so they are stored lower-case here too.</summary>
    public static string[] Emails(string? email) => email is null ? [] : [email.ToLowerInvariant()];
}
