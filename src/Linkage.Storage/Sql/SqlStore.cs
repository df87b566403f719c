using System.Globalization;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Storage.Keys;
using Linkage.Storage.Records;

namespace Linkage.Storage.Sql;

/// <summary>
/// The store over either back end: workspaces and settings here; CRM, activities, association and pins in
/// the other parts of this class.
/// </summary>
internal sealed partial class SqlStore : ILinkageStore
{
    private static readonly string DefaultSettingsJson = RecordJson.Serialize(new LinkageSettings());
    private readonly Database _db;
    private readonly TimeProvider _clock;
    private readonly StoreTuning _tuning;
    private readonly ReferenceData _reference;
    private readonly Dictionary<string, long> _workspaceIds = new(StringComparer.Ordinal);

    public SqlStore(Database db, TimeProvider clock, StoreTuning tuning, ReferenceData reference)
    {
        _db = db;
        _clock = clock;
        _tuning = tuning;
        _reference = reference;
        db.Dialect.Configure(db);
        SchemaVersion = Migrations.Apply(db, clock);
    }

    public string Backend => _db.Dialect.Name;

    public int SchemaVersion { get; }

    public IReadOnlyList<string> Workspaces() => _db.Query("SELECT name FROM workspaces ORDER BY name", r => r.GetString(0));

    public LinkageSettings Settings(string workspace) => RecordJson.Settings(SettingsJson(WorkspaceId(workspace, create: false)));

    public bool ReplaceSettings(string workspace, LinkageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        long ws = WorkspaceId(workspace, create: true);
        string json = RecordJson.Serialize(settings);
        string old = SettingsJson(ws);
        if (old == json)
        {
            return false;
        }

        LinkageSettings previous = RecordJson.Settings(old);
        // The CRM API budgets decide what may be spent, never what a result is: changing only them re-queues nothing.
        bool budgetsOnly = RecordJson.Serialize(previous with
        {
            CrmApiDailyBudget = settings.CrmApiDailyBudget,
            CrmApiRunBudget = settings.CrmApiRunBudget,
            CrmApiNegativeCacheHours = settings.CrmApiNegativeCacheHours,
        }) == json;
        if (budgetsOnly)
        {
            _db.Execute("UPDATE workspaces SET settings = @json WHERE id = @ws", json, ws);
            return true;
        }

        _db.InTransaction(() =>
        {
            _db.Execute("UPDATE workspaces SET settings = @json WHERE id = @ws", json, ws);
            // Classification, domain rules and deal policy all read the settings: everything may change.
            QueueAll(ws, "settings changed", NextMark(ws));
            if (previous.DefaultPhoneRegion != settings.DefaultPhoneRegion)
            {
                // Record phones without a region hint parse with the default region: re-file every record.
                RefileAll(ws, new KeyContext(settings, _reference));
            }
        });
        return true;
    }

    public void Dispose() => _db.Dispose();

    private string Now() => _clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private string SettingsJson(long ws) => _db.Scalar<string>("SELECT settings FROM workspaces WHERE id = @ws", ws) ?? DefaultSettingsJson;

    private KeyContext Context(long ws) => new(RecordJson.Settings(SettingsJson(ws)), _reference);

    private long WorkspaceId(string name, bool create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_workspaceIds.TryGetValue(name, out long known))
        {
            return known;
        }

        long? id = _db.Scalar<long?>("SELECT id FROM workspaces WHERE name = @name", name);
        if (id is null)
        {
            if (!create)
            {
                throw new StoreException($"the store has no workspace '{name}'; import a CRM or activities into it first");
            }

            _db.Execute("INSERT INTO workspaces (name, created_at) VALUES (@name, @at) ON CONFLICT (name) DO NOTHING", name, Now());
            id = _db.Scalar<long>("SELECT id FROM workspaces WHERE name = @name", name);
        }

        _workspaceIds[name] = id.Value;
        return id.Value;
    }

    /// <summary>A fresh value for the queue's <c>mark</c>: a run removes a queued activity only if nothing re-queued it meanwhile.</summary>
    private long NextMark(long ws) => _db.Scalar<long>("UPDATE workspaces SET generation = generation + 1 WHERE id = @ws RETURNING generation", ws);

    /// <summary>Queues the activities filed under any of <paramref name="keys"/>.</summary>
    private long Queue(long ws, HashSet<string> keys, string reason, long mark)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        if (keys.Count > _tuning.QueueAllThreshold)
        {
            return QueueAll(ws, reason, mark);
        }

        return _db.Dialect.ActivityKeys.Queue(_db, ws, keys, reason, mark);
    }

    private long QueueAll(long ws, string reason, long mark) => _db.Execute(
        "INSERT INTO pending (ws, activity_id, reason, mark) SELECT ws, id, @reason, @mark FROM activities WHERE ws = @ws " +
        "ON CONFLICT (ws, activity_id) DO UPDATE SET reason = excluded.reason, mark = excluded.mark",
        reason, mark, ws);

    public StoreCounts Counts(string workspace)
    {
        long ws = WorkspaceId(workspace, create: false);
        var kinds = new long[7];
        _db.ForEach("SELECT kind, COUNT(*) FROM crm_records WHERE ws = @ws GROUP BY kind", r => kinds[r.Int(0)] = r.Long(1), ws);
        long Count(string table) => _db.Scalar<long>($"SELECT COUNT(*) FROM {table} WHERE ws = @ws", ws);
        return new StoreCounts(
            kinds[(int)RecordKind.User], kinds[(int)RecordKind.Account], kinds[(int)RecordKind.Contact], kinds[(int)RecordKind.Lead],
            kinds[(int)RecordKind.Deal], kinds[(int)RecordKind.DealContact],
            Count("activities"), Count("associations"), Count("pending"), Count("pins"), Count("history"));
    }
}
