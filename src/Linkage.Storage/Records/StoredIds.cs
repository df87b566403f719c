using System.Text.Json;

namespace Linkage.Storage.Records;

/// <summary>The four id lists of an association, as the history and the pins store them.</summary>
public sealed record StoredIds(
    IReadOnlyList<string> Contacts,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Leads,
    IReadOnlyList<string> Deals)
{
    public static StoredIds Empty { get; } = new([], [], [], []);

    public bool IsEmpty => Contacts.Count + Accounts.Count + Leads.Count + Deals.Count == 0;

    internal string ToJson() => JsonSerializer.Serialize(this, StoreJsonContext.Default.StoredIds);

    internal static StoredIds FromJson(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.StoredIds) ?? Empty;

    /// <summary>Sorted (ordinal) and without duplicates, like the engine's lists.</summary>
    public static StoredIds Normalised(IEnumerable<string> contacts, IEnumerable<string> accounts, IEnumerable<string> leads,
        IEnumerable<string> deals) => new(Sort(contacts), Sort(accounts), Sort(leads), Sort(deals));

    private static string[] Sort(IEnumerable<string> ids)
    {
        string[] sorted = [.. ids.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct(StringComparer.Ordinal)];
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}
