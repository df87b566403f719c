using System.Text.Json;
using Linkage.Core.Model;
using Linkage.Storage;

namespace Linkage.Server.Api;

/// <summary>Turns stored activities into list rows; the ids are the effective ones (a pin's when pinned).</summary>
internal static class ActivitySummaries
{
    public static ActivitySummary Of(ActivityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Activity a = entry.Activity;
        string status = "pending";
        string[] contacts = [], accounts = [], leads = [], deals = [];
        if (entry.Association.ExportLine is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            status = root.GetProperty("status").GetString() ?? "unmatched";
            contacts = Ids(root, "contacts");
            accounts = Ids(root, "accounts");
            leads = Ids(root, "leads");
            deals = Ids(root, "deals");
        }

        string type = a.Type.ToString().ToLowerInvariant();
        return new ActivitySummary(a.Id, type, a.OccurredAt, status, entry.Association.IsPinned, contacts, accounts, leads, deals, Title(a));
    }

    /// <summary>Whether the activity's effective association names <paramref name="id"/> in the list of <paramref name="kind"/>.</summary>
    public static bool Names(ActivitySummary s, string kind, string id) => kind switch
    {
        "contact" => s.Contacts.Contains(id, StringComparer.Ordinal),
        "account" => s.Accounts.Contains(id, StringComparer.Ordinal),
        "lead" => s.Leads.Contains(id, StringComparer.Ordinal),
        "deal" => s.Deals.Contains(id, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>Who was on it, briefly: the first few participants by name or address.</summary>
    private static string? Title(Activity a)
    {
        string[] who = [.. a.Participants.Select(p => p.Name ?? p.Email ?? p.Phone).OfType<string>().Take(3)];
        return who.Length == 0 ? null : string.Join(", ", who) + (a.Participants.Count > 3 ? $" +{a.Participants.Count - 3}" : "");
    }

    private static string[] Ids(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.Array
            ? [.. e.EnumerateArray().Select(x => x.GetString()).OfType<string>()]
            : [];
}
