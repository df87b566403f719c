using Linkage.Core.Model;
using Linkage.Storage.Keys;
using Linkage.Storage.Records;

namespace Linkage.Storage.Sql;

/// <summary>CRM records: upserts and deletions that queue the activities they can affect, in the same transaction.</summary>
internal sealed partial class SqlStore
{
    private const string UpsertRecord =
        "INSERT INTO crm_records (ws, kind, id, hash, json) VALUES (@ws, @kind, @id, @hash, @json) " +
        "ON CONFLICT (ws, kind, id) DO UPDATE SET hash = excluded.hash, json = excluded.json";

    private const string InsertRecordKey =
        "INSERT INTO crm_keys (ws, key, kind, id) VALUES (@ws, @key, @kind, @id) ON CONFLICT (ws, key, kind, id) DO NOTHING";

    private const string DeleteRecordKey = "DELETE FROM crm_keys WHERE ws = @ws AND key = @key AND kind = @kind AND id = @id";

    public ImportReport ImportCrm(string workspace, CrmSnapshot snapshot, bool replace, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        long ws = WorkspaceId(workspace, create: true);
        KeyContext ctx = Context(ws);
        ImportReport report = ImportReport.None;
        var seen = new Dictionary<RecordKind, HashSet<string>>();
        foreach (IGrouping<RecordKind, CrmRecord> kind in Deduplicated(snapshot).GroupBy(r => r.Kind))
        {
            CrmRecord[] records = [.. kind];
            seen[kind.Key] = new HashSet<string>(records.Select(r => r.Id), StringComparer.Ordinal);
            for (int start = 0; start < records.Length; start += _tuning.ImportBatch)
            {
                CrmRecord[] chunk = records[start..Math.Min(records.Length, start + _tuning.ImportBatch)];
                report += _db.InTransaction(() => Change(ws, ctx, chunk, [], "CRM import"));
                progress?.Report($"{Plural(kind.Key)}: {Math.Min(records.Length, start + _tuning.ImportBatch):N0} of {records.Length:N0}");
            }
        }

        if (replace)
        {
            foreach (RecordKind kind in Enum.GetValues<RecordKind>())
            {
                HashSet<string> keep = seen.GetValueOrDefault(kind) ?? [];
                List<string> stale = _db.Query("SELECT id FROM crm_records WHERE ws = @ws AND kind = @kind", r => r.GetString(0), ws, (int)kind)
                    .Where(id => !keep.Contains(id)).ToList();
                for (int start = 0; start < stale.Count; start += _tuning.ImportBatch)
                {
                    (RecordKind, string)[] chunk = [.. stale.Skip(start).Take(_tuning.ImportBatch).Select(id => (kind, id))];
                    report += _db.InTransaction(() => Change(ws, ctx, [], chunk, "CRM import (replace)"));
                }

                if (stale.Count > 0)
                {
                    progress?.Report($"{Plural(kind)}: {stale.Count:N0} deleted");
                }
            }
        }

        return report;
    }

    public ImportReport ApplyCrmChanges(string workspace, IReadOnlyCollection<CrmRecord> upserts, IReadOnlyCollection<(RecordKind Kind, string Id)> deletions)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(deletions);
        long ws = WorkspaceId(workspace, create: true);
        KeyContext ctx = Context(ws);
        // The last version of a record wins; a record both written and deleted here is written.
        CrmRecord[] writes = [.. upserts.GroupBy(r => (r.Kind, r.Id)).Select(g => g.Last())];
        var written = new HashSet<(RecordKind, string)>(writes.Select(r => (r.Kind, r.Id)));
        (RecordKind, string)[] removals = [.. deletions.Distinct().Where(d => !written.Contains(d))];
        return _db.InTransaction(() => Change(ws, ctx, writes, removals, "CRM change"));
    }

    public CrmSnapshot Snapshot(string workspace)
    {
        long ws = WorkspaceId(workspace, create: false);
        var rows = new List<(RecordKind Kind, string Id, string Json)>();
        _db.ForEach("SELECT kind, id, json FROM crm_records WHERE ws = @ws", r => rows.Add(((RecordKind)r.Int(0), r.GetString(1), r.GetString(2))), ws);
        var records = new object[rows.Count];
        Parallel.For(0, rows.Count, i => records[i] = RecordJson.Deserialize(rows[i].Kind, rows[i].Json));
        return new CrmSnapshot
        {
            Users = [.. records.OfType<CrmUser>()],
            Accounts = [.. records.OfType<Account>()],
            Contacts = [.. records.OfType<Contact>()],
            Leads = [.. records.OfType<Lead>()],
            Deals = [.. records.OfType<Deal>()],
            DealContacts = [.. records.OfType<DealContact>()],
        };
    }

    /// <summary>
    /// One transaction's worth of record changes: writes the records and their look-up keys, and queues the
    /// activities that the old or the new version of any changed record can affect.
    /// </summary>
    private ImportReport Change(long ws, KeyContext ctx, IReadOnlyList<CrmRecord> upserts, IReadOnlyList<(RecordKind Kind, string Id)> deletions, string cause)
    {
        // What is stored now, for every record this transaction touches.
        var old = new Dictionary<(RecordKind, string), long>();
        foreach (IGrouping<RecordKind, string> kind in upserts.Select(r => (r.Kind, r.Id)).Concat(deletions).GroupBy(k => k.Kind, k => k.Id))
        {
            string[] ids = [.. kind.Distinct(StringComparer.Ordinal)];
            _db.ForEach($"SELECT id, hash FROM crm_records WHERE ws = @ws AND kind = @kind AND {_db.Dialect.InList("id", "@ids")}",
                r => old[(kind.Key, r.GetString(0))] = r.Long(1), ws, (int)kind.Key, _db.List(ids));
        }

        long added = 0, changed = 0, unchanged = 0, deleted = 0;
        var writes = new List<(CrmRecord Record, string Json, long Hash)>();
        foreach (CrmRecord record in upserts)
        {
            string json = record.ToJson();
            long hash = RecordJson.Hash(json);
            if (old.TryGetValue((record.Kind, record.Id), out long stored) && stored == hash)
            {
                unchanged++;
                continue;
            }

            if (old.ContainsKey((record.Kind, record.Id)))
            {
                changed++;
            }
            else
            {
                added++;
            }

            writes.Add((record, json, hash));
        }

        var removals = deletions.Where(d => old.ContainsKey(d)).Distinct().ToList();
        deleted = removals.Count;
        if (writes.Count == 0 && removals.Count == 0)
        {
            return new ImportReport(0, 0, unchanged, 0, 0);
        }

        Dictionary<(RecordKind, string), CrmRecord> previous = LoadRecords(ws,
            writes.Where(w => old.ContainsKey((w.Record.Kind, w.Record.Id))).Select(w => (w.Record.Kind, w.Record.Id)).Concat(removals));
        Dictionary<string, string?> roleDealAccounts = RoleDealAccounts(ws, writes.Select(w => w.Record).Concat(previous.Values));

        var keyInserts = new List<object?[]>();
        var keyDeletes = new List<object?[]>();
        var causes = new List<(string Cause, HashSet<string> Keys)>();
        foreach ((CrmRecord record, string json, long hash) in writes)
        {
            CrmRecord? before = previous.GetValueOrDefault((record.Kind, record.Id));
            FileDifference(ws, ctx, before, record, keyInserts, keyDeletes);
            var affected = new HashSet<string>(StringComparer.Ordinal);
            AffectedBy(before, ctx, roleDealAccounts, affected);
            AffectedBy(record, ctx, roleDealAccounts, affected);
            causes.Add(($"{Singular(record.Kind)} {Display(record)} {(before is null ? "added" : "changed")}", affected));
        }

        foreach ((RecordKind kind, string id) in removals)
        {
            CrmRecord before = previous[(kind, id)];
            FileDifference(ws, ctx, before, null, keyInserts, keyDeletes);
            var affected = new HashSet<string>(StringComparer.Ordinal);
            AffectedBy(before, ctx, roleDealAccounts, affected);
            causes.Add(($"{Singular(kind)} {Display(before)} deleted", affected));
        }

        _db.ExecuteMany(DeleteRecordKey, keyDeletes);
        _db.ExecuteMany("DELETE FROM crm_records WHERE ws = @ws AND kind = @kind AND id = @id",
            removals.Select(r => new object?[] { ws, (int)r.Kind, r.Id }));
        _db.ExecuteMany(UpsertRecord, writes.Select(w => new object?[] { ws, (int)w.Record.Kind, w.Record.Id, w.Hash, w.Json }));
        // Sorted, so the key index fills in order rather than at random.
        keyInserts.Sort((x, y) => string.CompareOrdinal((string)x[1]!, (string)y[1]!));
        _db.ExecuteMany(InsertRecordKey, keyInserts);

        long queued = QueueCauses(ws, causes, cause);
        return new ImportReport(added, changed, unchanged, deleted, queued);
    }

    private long QueueCauses(long ws, List<(string Cause, HashSet<string> Keys)> causes, string batchCause)
    {
        if (causes.Count == 0)
        {
            return 0;
        }

        long mark = NextMark(ws);
        if (causes.Count <= _tuning.PerRecordCauses)
        {
            long queued = 0;
            foreach ((string cause, HashSet<string> keys) in causes)
            {
                queued += Queue(ws, keys, cause, mark);
            }

            return queued;
        }

        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach ((_, HashSet<string> keys) in causes)
        {
            all.UnionWith(keys);
        }

        if (all.Count > 1_000 && EverythingQueued(ws))
        {
            return 0;
        }

        return Queue(ws, all, $"{batchCause}: {causes.Count:N0} records changed", mark);
    }

    /// <summary>True when every activity already waits in the queue (as after importing activities first).</summary>
    private bool EverythingQueued(long ws) =>
        _db.Scalar<long>("SELECT COUNT(*) FROM pending WHERE ws = @ws", ws) == _db.Scalar<long>("SELECT COUNT(*) FROM activities WHERE ws = @ws", ws);

    private static void AffectedBy(CrmRecord? record, KeyContext ctx, Dictionary<string, string?> roleDealAccounts, HashSet<string> into)
    {
        if (record is null)
        {
            return;
        }

        string? dealAccount = record.Value is DealContact role ? roleDealAccounts.GetValueOrDefault(role.DealId) : null;
        RecordKeys.Affected(record, ctx, into, dealAccount);
    }

    private static void FileDifference(long ws, KeyContext ctx, CrmRecord? before, CrmRecord? after, List<object?[]> inserts, List<object?[]> deletes)
    {
        var was = new HashSet<string>(StringComparer.Ordinal);
        var now = new HashSet<string>(StringComparer.Ordinal);
        if (before is not null)
        {
            RecordKeys.Filed(before, ctx, was);
        }

        if (after is not null)
        {
            RecordKeys.Filed(after, ctx, now);
        }

        CrmRecord record = (after ?? before)!;
        foreach (string key in was.Except(now))
        {
            deletes.Add([ws, key, (int)record.Kind, record.Id]);
        }

        foreach (string key in now.Except(was))
        {
            inserts.Add([ws, key, (int)record.Kind, record.Id]);
        }
    }

    /// <summary>The accounts of the deals that contact roles name, as stored and as being written now.</summary>
    private Dictionary<string, string?> RoleDealAccounts(long ws, IEnumerable<CrmRecord> records)
    {
        var deals = new Dictionary<string, string?>(StringComparer.Ordinal);
        string[] dealIds = [.. records.Select(r => r.Value).OfType<DealContact>().Select(r => r.DealId).Distinct(StringComparer.Ordinal)];
        if (dealIds.Length > 0)
        {
            foreach (CrmRecord deal in LoadRecords(ws, dealIds.Select(id => (RecordKind.Deal, id))).Values)
            {
                deals[deal.Id] = ((Deal)deal.Value).AccountId;
            }
        }

        return deals;
    }

    private Dictionary<(RecordKind, string), CrmRecord> LoadRecords(long ws, IEnumerable<(RecordKind Kind, string Id)> which)
    {
        var found = new Dictionary<(RecordKind, string), CrmRecord>();
        foreach (IGrouping<RecordKind, string> kind in which.GroupBy(k => k.Kind, k => k.Id))
        {
            string[] ids = [.. kind.Distinct(StringComparer.Ordinal)];
            _db.ForEach($"SELECT id, json FROM crm_records WHERE ws = @ws AND kind = @kind AND {_db.Dialect.InList("id", "@ids")}",
                r => found[(kind.Key, r.GetString(0))] = CrmRecord.FromJson(kind.Key, r.GetString(0), r.GetString(1)),
                ws, (int)kind.Key, _db.List(ids));
        }

        return found;
    }

    /// <summary>Re-files every record's look-up keys (after the default phone region changed).</summary>
    private void RefileAll(long ws, KeyContext ctx)
    {
        var rows = new List<(RecordKind Kind, string Id, string Json)>();
        _db.ForEach("SELECT kind, id, json FROM crm_records WHERE ws = @ws", r => rows.Add(((RecordKind)r.Int(0), r.GetString(1), r.GetString(2))), ws);
        _db.Execute("DELETE FROM crm_keys WHERE ws = @ws", ws);
        var inserts = new List<object?[]>();
        foreach ((RecordKind kind, string id, string json) in rows)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            RecordKeys.Filed(CrmRecord.FromJson(kind, id, json), ctx, keys);
            inserts.AddRange(keys.Select(k => new object?[] { ws, k, (int)kind, id }));
        }

        inserts.Sort((x, y) => string.CompareOrdinal((string)x[1]!, (string)y[1]!));
        _db.ExecuteMany(InsertRecordKey, inserts);
    }

    /// <summary>
    /// The snapshot's records, one per id and kind: like the index, the latest <c>modifiedAt</c> wins, and
    /// on a tie the later one in the file.
    /// </summary>
    private static List<CrmRecord> Deduplicated(CrmSnapshot snapshot)
    {
        var kept = new Dictionary<(RecordKind, string), int>();
        var records = new List<CrmRecord>();
        foreach (CrmRecord r in CrmRecord.All(snapshot))
        {
            if (kept.TryGetValue((r.Kind, r.Id), out int at))
            {
                if (Nullable.Compare(Modified(r), Modified(records[at])) >= 0)
                {
                    records[at] = r;
                }

                continue;
            }

            kept[(r.Kind, r.Id)] = records.Count;
            records.Add(r);
        }

        return records;

        static DateTimeOffset? Modified(CrmRecord r) => r.Value switch
        {
            Account a => a.ModifiedAt,
            Contact c => c.ModifiedAt,
            Lead l => l.ModifiedAt,
            Deal d => d.ModifiedAt,
            _ => null,
        };
    }

    private static string Display(CrmRecord r) => r.Value is DealContact role ? $"{role.DealId}/{role.ContactId}" : r.Id;

    internal static string Singular(RecordKind kind) => kind switch
    {
        RecordKind.User => "user",
        RecordKind.Account => "account",
        RecordKind.Contact => "contact",
        RecordKind.Lead => "lead",
        RecordKind.Deal => "deal",
        _ => "contact role",
    };

    private static string Plural(RecordKind kind) => Singular(kind) + "s";
}
