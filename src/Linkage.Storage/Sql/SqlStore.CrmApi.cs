using System.Globalization;
using Linkage.Core.Model;
using Linkage.Storage.Records;

namespace Linkage.Storage.Sql;

/// <summary>
/// What dialer look-ups through the CRM API need to outlive a run: the day's spent calls (one atomic
/// conditional update, so concurrent runs, even in other processes, never exceed the budget together),
/// the numbers the CRM did not know (until they expire), and the records it did know, which join the
/// workspace's CRM.
/// </summary>
internal sealed partial class SqlStore
{
    public bool TryTakeApiCall(string workspace, DateOnly day, int dailyBudget)
    {
        long ws = WorkspaceId(workspace, create: true);
        string d = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _db.Execute("INSERT INTO crm_api_usage (ws, day, used) VALUES (@ws, @day, 0) ON CONFLICT (ws, day) DO NOTHING", ws, d);
        return _db.Execute("UPDATE crm_api_usage SET used = used + 1 WHERE ws = @ws AND day = @day AND used < @budget", ws, d, (long)dailyBudget) == 1;
    }

    public long ApiCallsUsed(string workspace, DateOnly day)
    {
        long ws = WorkspaceId(workspace, create: true);
        return _db.Scalar<long?>("SELECT used FROM crm_api_usage WHERE ws = @ws AND day = @day", ws,
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) ?? 0;
    }

    public IReadOnlyList<(string PhoneE164, DateTimeOffset Until)> LookupMisses(string workspace, DateTimeOffset now)
    {
        long ws = WorkspaceId(workspace, create: true);
        return _db.Query("SELECT phone, expires_at FROM crm_lookup_misses WHERE ws = @ws AND expires_at > @now",
            r => (r.GetString(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture)), ws, Instant(now));
    }

    public void RememberLookupMisses(string workspace, IReadOnlyCollection<(string PhoneE164, DateTimeOffset Until)> misses)
    {
        ArgumentNullException.ThrowIfNull(misses);
        long ws = WorkspaceId(workspace, create: true);
        _db.InTransaction(() =>
        {
            _db.Execute("DELETE FROM crm_lookup_misses WHERE ws = @ws AND expires_at <= @now", ws, Now());
            _db.ExecuteMany(
                "INSERT INTO crm_lookup_misses (ws, phone, expires_at) VALUES (@ws, @phone, @until) " +
                "ON CONFLICT (ws, phone) DO UPDATE SET expires_at = excluded.expires_at",
                misses.Select(m => new object?[] { ws, m.PhoneE164, Instant(m.Until) }));
        });
    }

    public ImportReport AddLookedUpRecords(string workspace, IReadOnlyCollection<Contact> contacts, IReadOnlyCollection<Lead> leads,
        IReadOnlyCollection<string> settledActivityIds)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(settledActivityIds);
        if (contacts.Count + leads.Count == 0)
        {
            return ImportReport.None;
        }

        long ws = WorkspaceId(workspace, create: true);
        CrmRecord[] records =
        [
            .. contacts.Select(c => CrmRecord.Of(c with { Origin = "crm-api" })),
            .. leads.Select(l => CrmRecord.Of(l with { Origin = "crm-api" })),
        ];
        return _db.InTransaction(() =>
        {
            ImportReport report = Change(ws, Context(ws), records, [], "CRM API look-up");
            // The activities whose own look-up found these records already hold the result a recompute would
            // give, and their line keeps the API calls they cost; every other activity sharing a key is redone.
            _db.ExecuteMany("DELETE FROM pending WHERE ws = @ws AND activity_id = @id",
                settledActivityIds.Select(id => new object?[] { ws, id }));
            return report;
        });
    }

    /// <summary>Fixed-width UTC text, so the store compares instants as strings.</summary>
    private static string Instant(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
