using System.Text.Json.Serialization;

namespace Linkage.Formats.Canonical;

// The wire shapes of formats.md. Everything is nullable here: presence and meaning are checked when
// mapping to the model, where a missing id can be reported with its place.

internal sealed class SnapshotDto
{
    public List<UserDto?>? Users { get; set; }
    public List<AccountDto?>? Accounts { get; set; }
    public List<ContactDto?>? Contacts { get; set; }
    public List<LeadDto?>? Leads { get; set; }
    public List<DealDto?>? Deals { get; set; }
    public List<DealContactDto?>? DealContacts { get; set; }
}

internal abstract class PersonDto
{
    public string? Id { get; set; }
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? Emails { get; set; }
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? Email { get; set; }
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? Phones { get; set; }
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? Phone { get; set; }
    public string? Name { get; set; }
    public string? Region { get; set; }
    public string? ModifiedAt { get; set; }
}

internal sealed class UserDto : PersonDto;

internal sealed class ContactDto : PersonDto
{
    public string? AccountId { get; set; }
}

internal sealed class LeadDto : PersonDto
{
    public string? Company { get; set; }
    public bool? IsConverted { get; set; }
    public string? ConvertedContactId { get; set; }
    public string? ConvertedAccountId { get; set; }
}

internal sealed class AccountDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Website { get; set; }
    [JsonConverter(typeof(StringListConverter))]
    public List<string>? Domains { get; set; }
    public string? OwnerId { get; set; }
    public string? ParentId { get; set; }
    public string? ModifiedAt { get; set; }
}

internal sealed class DealDto
{
    public string? Id { get; set; }
    public string? AccountId { get; set; }
    public string? Name { get; set; }
    public string? OwnerId { get; set; }
    public string? Stage { get; set; }
    public bool? IsClosed { get; set; }
    public bool? IsWon { get; set; }
    public string? CreatedAt { get; set; }
    public string? CloseDate { get; set; }
    public string? Type { get; set; }
    public string? ModifiedAt { get; set; }
}

internal sealed class DealContactDto
{
    public string? DealId { get; set; }
    public string? ContactId { get; set; }
    public string? Role { get; set; }
    public bool? IsPrimary { get; set; }
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
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SnapshotDto))]
[JsonSerializable(typeof(SettingsDto))]
internal sealed partial class CanonicalJsonContext : JsonSerializerContext;
