using Linkage.Storage.Records;

namespace Linkage.Storage;

/// <summary>
/// One change of an activity's association: when, why (the cause that queued it, or a pin), and the ids
/// before and after (<see cref="Before"/> is null the first time).
/// </summary>
public sealed record HistoryEntry(long Seq, string ActivityId, DateTimeOffset At, string Cause, StoredIds? Before, StoredIds After, bool Manual)
{
    /// <summary>"contacts +C2 -C1; deals +D3", or "explanation only" when the ids did not change.</summary>
    public string Summary
    {
        get
        {
            StoredIds before = Before ?? StoredIds.Empty;
            var parts = new List<string>();
            Part("contacts", before.Contacts, After.Contacts);
            Part("accounts", before.Accounts, After.Accounts);
            Part("leads", before.Leads, After.Leads);
            Part("deals", before.Deals, After.Deals);
            return parts.Count == 0 ? (Before is null ? "nothing associated" : "explanation only") : string.Join("; ", parts);

            void Part(string name, IReadOnlyList<string> was, IReadOnlyList<string> now)
            {
                string added = string.Join(' ', now.Except(was, StringComparer.Ordinal).Select(i => "+" + i));
                string removed = string.Join(' ', was.Except(now, StringComparer.Ordinal).Select(i => "-" + i));
                string both = string.Join(' ', new[] { added, removed }.Where(s => s.Length > 0));
                if (both.Length > 0)
                {
                    parts.Add($"{name} {both}");
                }
            }
        }
    }
}
