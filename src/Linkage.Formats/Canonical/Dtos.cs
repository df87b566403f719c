using Linkage.Core.Model;
using System.Text.Json.Serialization;

namespace Linkage.Formats.Canonical;

// The wire shapes of formats.md. Everything is nullable here: presence and meaning are checked when
// mapping to the model, where a missing id can be reported with its place.

internal sealed class SnapshotDto
{
    public List<CrmUser?>? Users { get; set; }
    public List<Account?>? Accounts { get; set; }
    public List<Contact?>? Contacts { get; set; }
    public List<Lead?>? Leads { get; set; }
    public List<Deal?>? Deals { get; set; }
    public List<DealContact?>? DealContacts { get; set; }
}

internal sealed class SettingsDto
{
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? CompanyDomains { get; set; }
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? SpamAddresses { get; set; }
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? SpamDomains { get; set; }
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? AutomatedLocalParts { get; set; }
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? PublicEmailDomains { get; set; }
    public int? DealWindowDays { get; set; }
    public bool? UseContactRoles { get; set; }
    public bool? UseDealOwner { get; set; }
    public int? MaxDealsPerActivity { get; set; }
    public string? DefaultPhoneRegion { get; set; }
    public int? CrmApiDailyBudget { get; set; }
    public int? CrmApiRunBudget { get; set; }
    public double? CrmApiNegativeCacheHours { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(UserConverter), typeof(AccountConverter), typeof(ContactConverter), typeof(LeadConverter), typeof(DealConverter), typeof(DealContactConverter)])]
[JsonSerializable(typeof(SnapshotDto))]
[JsonSerializable(typeof(SettingsDto))]
internal sealed partial class CanonicalJsonContext : JsonSerializerContext;
