using System.Data.Common;
using System.Globalization;
using Linkage.Storage.Records;

namespace Linkage.Storage.Sql;

/// <summary>Pins, reading associations back, and the history.</summary>
internal sealed partial class SqlStore
{
    private const string AssociationColumns =
        "SELECT a.id, s.line, p.ids, p.pinned_at, q.reason FROM activities a " +
        "LEFT JOIN associations s ON s.ws = a.ws AND s.activity_id = a.id " +
        "LEFT JOIN pins p ON p.ws = a.ws AND p.activity_id = a.id " +
        "LEFT JOIN pending q ON q.ws = a.ws AND q.activity_id = a.id ";

    public void Pin(string workspace, string activityId, StoredIds ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        long ws = WorkspaceId(workspace, create: false);
        StoredIds pin = StoredIds.Normalised(ids.Contacts, ids.Accounts, ids.Leads, ids.Deals);
        _db.InTransaction(() =>
        {
            StoredAssociation current = Existing(ws, workspace, activityId);
            string now = Now();
            _db.Execute("INSERT INTO pins (ws, activity_id, ids, pinned_at) VALUES (@ws, @id, @ids, @at) " +
                "ON CONFLICT (ws, activity_id) DO UPDATE SET ids = excluded.ids, pinned_at = excluded.pinned_at",
                ws, activityId, pin.ToJson(), now);
            AppendManual(ws, activityId, now, "pinned by hand", Effective(current), pin);
        });
    }

    public bool Unpin(string workspace, string activityId)
    {
        long ws = WorkspaceId(workspace, create: false);
        return _db.InTransaction(() =>
        {
            StoredAssociation current = Existing(ws, workspace, activityId);
            if (current.Pin is null)
            {
                return false;
            }

            _db.Execute("DELETE FROM pins WHERE ws = @ws AND activity_id = @id", ws, activityId);
            StoredIds automatic = current.AutomaticLine is { } line ? IdsOf(line) : StoredIds.Empty;
            AppendManual(ws, activityId, Now(), "unpinned by hand", current.Pin, automatic);
            return true;
        });
    }

    public StoredAssociation? Association(string workspace, string activityId)
    {
        long ws = WorkspaceId(workspace, create: false);
        List<StoredAssociation> found = _db.Query(AssociationColumns + "WHERE a.ws = @ws AND a.id = @id", ReadAssociation, ws, activityId);
        return found.Count == 0 ? null : found[0];
    }

    public void ExportAssociations(string workspace, Action<StoredAssociation> onEach)
    {
        ArgumentNullException.ThrowIfNull(onEach);
        long ws = WorkspaceId(workspace, create: false);
        _db.ForEach(AssociationColumns + "WHERE a.ws = @ws ORDER BY a.seq", r => onEach(ReadAssociation(r)), ws);
    }

    public IReadOnlyList<HistoryEntry> History(string workspace, string activityId)
    {
        long ws = WorkspaceId(workspace, create: false);
        return _db.Query(
            "SELECT seq, activity_id, at, cause, before_ids, after_ids, manual FROM history WHERE ws = @ws AND activity_id = @id ORDER BY seq",
            r => new HistoryEntry(r.Long(0), r.GetString(1), Instant(r.GetString(2)), r.GetString(3),
                r.NullableString(4) is { } before ? StoredIds.FromJson(before) : null, StoredIds.FromJson(r.GetString(5)), r.Int(6) != 0),
            ws, activityId);
    }

    private StoredAssociation Existing(long ws, string workspace, string activityId)
    {
        List<StoredAssociation> found = _db.Query(AssociationColumns + "WHERE a.ws = @ws AND a.id = @id", ReadAssociation, ws, activityId);
        return found.Count > 0 ? found[0] : throw new StoreException($"workspace '{workspace}' has no activity '{activityId}'");
    }

    private static StoredIds Effective(StoredAssociation a) => a.Pin ?? (a.AutomaticLine is { } line ? IdsOf(line) : StoredIds.Empty);

    private void AppendManual(long ws, string activityId, string at, string cause, StoredIds before, StoredIds after) =>
        _db.Execute(
            "INSERT INTO history (ws, activity_id, at, cause, before_ids, after_ids, manual) VALUES (@ws, @id, @at, @cause, @before, @after, @manual)",
            ws, activityId, at, cause, before.ToJson(), after.ToJson(), 1);

    private static StoredAssociation ReadAssociation(DbDataReader r) => new(
        r.GetString(0),
        r.NullableString(1),
        r.NullableString(2) is { } ids ? StoredIds.FromJson(ids) : null,
        r.NullableString(3) is { } at ? Instant(at) : null,
        r.NullableString(4));

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
