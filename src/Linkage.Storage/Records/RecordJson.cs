using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Linkage.Core.Model;

namespace Linkage.Storage.Records;

/// <summary>
/// How the store writes one CRM record, settings or an activity: compact camelCase JSON with formats.md's
/// field names. The same record always gives the same text, so a 64-bit hash of it tells whether an
/// import changed anything.
/// </summary>
internal static class RecordJson
{
    /// <summary>Separates deal and contact ids in a contact role's id; it cannot appear in a real id.</summary>
    public const char RoleSeparator = '\u001f';

    public static string RoleId(DealContact role) => role.DealId + RoleSeparator + role.ContactId;

    public static string Serialize(CrmUser r) => JsonSerializer.Serialize(r, StoreJsonContext.Default.CrmUser);

    public static string Serialize(Account r) => JsonSerializer.Serialize(r, StoreJsonContext.Default.Account);

    public static string Serialize(Contact r) => JsonSerializer.Serialize(r, StoreJsonContext.Default.Contact);

    public static string Serialize(Lead r) => JsonSerializer.Serialize(r, StoreJsonContext.Default.Lead);

    public static string Serialize(Deal r) => JsonSerializer.Serialize(r, StoreJsonContext.Default.Deal);

    public static string Serialize(DealContact r) => JsonSerializer.Serialize(r, StoreJsonContext.Default.DealContact);

    public static string Serialize(LinkageSettings s) => JsonSerializer.Serialize(s, StoreJsonContext.Default.LinkageSettings);

    public static LinkageSettings Settings(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.LinkageSettings) ?? new LinkageSettings();

    /// <summary>Reads a stored record back into the core model.</summary>
    public static object Deserialize(RecordKind kind, string json) => kind switch
    {
        RecordKind.User => JsonSerializer.Deserialize(json, StoreJsonContext.Default.CrmUser)!,
        RecordKind.Account => JsonSerializer.Deserialize(json, StoreJsonContext.Default.Account)!,
        RecordKind.Contact => JsonSerializer.Deserialize(json, StoreJsonContext.Default.Contact)!,
        RecordKind.Lead => JsonSerializer.Deserialize(json, StoreJsonContext.Default.Lead)!,
        RecordKind.Deal => JsonSerializer.Deserialize(json, StoreJsonContext.Default.Deal)!,
        RecordKind.DealContact => JsonSerializer.Deserialize(json, StoreJsonContext.Default.DealContact)!,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown record kind"),
    };

    /// <summary>The first 64 bits of the text's SHA-256: collisions are far less likely than a disk error.</summary>
    public static long Hash(string json)
    {
        int max = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        Span<byte> bytes = max <= 4096 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, bytes);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(bytes[..length], digest);
            return BitConverter.ToInt64(digest);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CrmUser))]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(Contact))]
[JsonSerializable(typeof(Lead))]
[JsonSerializable(typeof(Deal))]
[JsonSerializable(typeof(DealContact))]
[JsonSerializable(typeof(LinkageSettings))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(StoredIds))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
