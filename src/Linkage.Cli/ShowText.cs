using System.Globalization;
using System.Text;
using System.Text.Json;
using Linkage.Core.Model;
using Linkage.Storage;

namespace Linkage.Cli;

/// <summary>
/// One activity's association as plain text a person can read: what was linked, then for each participant
/// how it was classified, which rule matched on which key, what lost a tie-break and why, then each deal's
/// reason, references, warnings, the pin if any, and the history of changes.
/// </summary>
internal static class ShowText
{
    public static string Render(StoredAssociation stored, Activity? activity, IReadOnlyList<HistoryEntry> history)
    {
        var o = new StringBuilder();
        string when = activity is null ? string.Empty
            : $" — {activity.Type.ToString().ToLowerInvariant()} on {activity.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
        o.Append(CultureInfo.InvariantCulture, $"Activity {stored.ActivityId}{when}\n");
        if (stored.AutomaticLine is null)
        {
            o.Append("  Not associated yet: run 'linkage associate'.\n");
        }
        else
        {
            using var doc = JsonDocument.Parse(stored.AutomaticLine);
            Automatic(o, doc.RootElement, stored.IsPinned);
        }

        if (stored.Pin is { } pin)
        {
            string at = stored.PinnedAt is { } pinnedAt ? " on " + Stamp(pinnedAt) : string.Empty;
            o.Append(CultureInfo.InvariantCulture, $"\nPinned by hand{at}: {PinCommand.Describe(pin)}.\n");
            o.Append("  Exports use these ids (marked \"manual\": true); automatic runs never change them. 'linkage unpin' undoes it.\n");
        }

        if (stored.IsPending)
        {
            o.Append(CultureInfo.InvariantCulture, $"\nQueued for re-association ({stored.PendingReason}): run 'linkage associate' for the current result.\n");
        }

        if (history.Count > 0)
        {
            o.Append("\nHistory\n");
            foreach (HistoryEntry h in history)
            {
                o.Append(CultureInfo.InvariantCulture, $"  {Stamp(h.At)}  {h.Cause}: {h.Summary}{(h.Manual ? " (by hand)" : string.Empty)}\n");
            }
        }

        return o.ToString();
    }

    private static void Automatic(StringBuilder o, JsonElement line, bool pinned)
    {
        o.Append(CultureInfo.InvariantCulture, $"  Status: {Text(line, "status")}{(pinned ? " (automatic; overridden by the pin below)" : string.Empty)}\n");
        o.Append(CultureInfo.InvariantCulture,
            $"  Contacts: {List(line, "contacts")}   Accounts: {List(line, "accounts")}   Leads: {List(line, "leads")}   Deals: {List(line, "deals")}\n");

        o.Append("\nParticipants\n");
        int n = 0;
        foreach (JsonElement p in Array(line, "participants"))
        {
            n++;
            string who = string.Join(" / ", new[] { Text(p, "email"), Text(p, "phone") }.Where(s => s.Length > 0));
            string role = Text(p, "role") is { Length: > 0 } r ? $" ({r})" : string.Empty;
            string cls = Text(p, "class");
            o.Append(CultureInfo.InvariantCulture, $"  {n}. {(who.Length > 0 ? who : "(no email or phone)")}{role}: {cls}");
            if (cls == "internal")
            {
                o.Append(Text(p, "userId") is { Length: > 0 } user ? $", CRM user {user}\n" : ", not a CRM user\n");
                continue;
            }

            if (cls != "external")
            {
                o.Append(cls switch
                {
                    "spam" => " (a spam address or domain in the settings); never matched\n",
                    "automated" => " (a machine sender); never matched\n",
                    _ => " (neither a valid email nor a valid phone); never matched\n",
                });
                continue;
            }

            string rule = Text(p, "rule");
            o.Append(CultureInfo.InvariantCulture, $", rule {rule}");
            if (Text(p, "matchedOn") is { Length: > 0 } key)
            {
                o.Append(CultureInfo.InvariantCulture, $", matched on {key}");
            }

            if (Text(p, "source") is { Length: > 0 } source)
            {
                o.Append(CultureInfo.InvariantCulture, $" (from {source})");
            }

            o.Append('\n');
            var found = new List<string>();
            Add(found, "contact", Text(p, "contactId"));
            Add(found, "account", Text(p, "accountId"));
            Add(found, "lead", Text(p, "leadId"));
            Add(found, "converted from lead", Text(p, "convertedLeadId"));
            o.Append(found.Count > 0 ? $"     -> {string.Join(", ", found)}\n" : "     -> nothing in the CRM matched\n");
            if (p.TryGetProperty("ambiguous", out JsonElement amb) && amb.ValueKind == JsonValueKind.True)
            {
                o.Append(CultureInfo.InvariantCulture,
                    $"     ambiguous: chosen by {TieBreak(Text(p, "tieBreak"))}; other candidates: {List(p, "candidates")}\n");
            }
        }

        JsonElement[] deals = [.. Array(line, "dealReasons")];
        if (deals.Length > 0)
        {
            o.Append("\nDeals\n");
            foreach (JsonElement d in deals)
            {
                string narrowed = List(d, "narrowedBy");
                o.Append(CultureInfo.InvariantCulture,
                    $"  {Text(d, "dealId")}: {Reason(Text(d, "reason"))}{(narrowed == "-" ? string.Empty : $"; kept by {narrowed}")}\n");
            }
        }

        JsonElement[] refs = [.. Array(line, "explicitRefs")];
        if (refs.Length > 0)
        {
            o.Append("\nExplicit references\n");
            foreach (JsonElement r in refs)
            {
                bool known = r.TryGetProperty("known", out JsonElement k) && k.ValueKind == JsonValueKind.True;
                o.Append(CultureInfo.InvariantCulture, $"  {Text(r, "type")} {Text(r, "id")} from the {Text(r, "from")}{(known ? string.Empty : " (not in the CRM)")}\n");
            }
        }

        JsonElement[] warnings = [.. Array(line, "warnings")];
        if (warnings.Length > 0)
        {
            o.Append("\nWarnings\n");
            foreach (JsonElement w in warnings)
            {
                o.Append(CultureInfo.InvariantCulture, $"  {Text(w, "code")}: {Text(w, "message")}\n");
            }
        }
    }

    private static string TieBreak(string criterion) => criterion switch
    {
        "has-account" => "has-account (a record with an account beats one without)",
        "latest-modifiedAt" => "latest-modifiedAt (the most recently modified record)",
        "smallest-id" => "smallest-id (all else equal)",
        "owner-internal" => "owner-internal (its owner is on the activity)",
        "eligible-deal" => "eligible-deal (it has a deal eligible for this activity)",
        "most-contacts" => "most-contacts (most colleagues on this domain)",
        _ => criterion,
    };

    private static string Reason(string reason) => reason switch
    {
        "open-at-time" => "open-at-time (open when the activity happened)",
        "opened-after" => "opened-after (created within the window after the activity)",
        "closed-recently" => "closed-recently (closed within the window before the activity)",
        "explicit" => "explicit (the activity referenced it)",
        _ => reason,
    };

    private static void Add(List<string> into, string label, string id)
    {
        if (id.Length > 0)
        {
            into.Add($"{label} {id}");
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;

    private static JsonElement[] Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()] : [];

    private static string List(JsonElement e, string name)
    {
        string[] items = [.. Array(e, name).Select(x => x.GetString() ?? string.Empty)];
        return items.Length == 0 ? "-" : string.Join(", ", items);
    }
}
