using Linkage.Core.Model;
using Linkage.Storage.Keys;
using Linkage.Storage.Records;
using Linkage.Storage.Sql;

namespace Linkage.Storage.Associating;

/// <summary>
/// The part of a workspace's snapshot that some activities can reach: for every look-up the engine makes
/// for them, every record that look-up could return. The engine over this part gives the same results as
/// over the whole snapshot, at the cost of a few indexed queries instead of loading millions of records.
/// </summary>
internal sealed class Neighbourhood
{
    private readonly Database _db;
    private readonly long _ws;
    private readonly Dictionary<(RecordKind, string), CrmRecord> _records = [];

    private Neighbourhood(Database db, long ws)
    {
        _db = db;
        _ws = ws;
    }

    public static CrmSnapshot Load(Database db, long ws, IReadOnlyCollection<Activity> activities, KeyContext ctx)
    {
        var n = new Neighbourhood(db, ws);
        n.LoadFor(activities, ctx);
        return n.ToSnapshot();
    }

    private void LoadFor(IReadOnlyCollection<Activity> activities, KeyContext ctx)
    {
        // 1. What the participants' keys find: users, contacts and leads by email and phone; contacts
        //    with an account by host and registrable domain (colleagues); accounts by domain. And what the
        //    activities name explicitly.
        var lookup = new HashSet<string>(StringComparer.Ordinal);
        foreach (Activity a in activities)
        {
            ActivityKeys.Lookup(a, ctx, lookup);
        }

        var keys = new HashSet<string>(lookup, StringComparer.Ordinal);
        foreach (string key in lookup)
        {
            if (key.StartsWith(StoreKeys.Host, StringComparison.Ordinal) || key.StartsWith(StoreKeys.Registrable, StringComparison.Ordinal))
            {
                keys.Add(StoreKeys.AccountDomain + key[2..]);
            }
        }

        ByKeys(keys);
        var named = new HashSet<(RecordKind, string)>();
        foreach (Activity a in activities)
        {
            foreach (CrmRef r in a.CrmRefs.Concat(a.Participants.SelectMany(p => p.CrmRefs)))
            {
                named.Add((Kind(r.Type), r.Id));
            }
        }

        ByIds(named);

        // 2. Converted leads resolve to their contact.
        ByIds(Values<Lead>().Where(l => l.ConvertedContactId is not null).Select(l => (RecordKind.Contact, l.ConvertedContactId!)));

        // 3. Every account anything names (a contact's, a colleague's, a converted lead's, an explicit one),
        //    and every such account's deals, which decide eligibility and the eligible-deal tie-break.
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        accounts.UnionWith(Values<Contact>().Select(c => c.AccountId).OfType<string>());
        accounts.UnionWith(Values<Lead>().Select(l => l.ConvertedAccountId).OfType<string>());
        accounts.UnionWith(Values<Account>().Select(a => a.Id));
        accounts.UnionWith(named.Where(n => n.Item1 == RecordKind.Account).Select(n => n.Item2));
        ByIds(accounts.Select(id => (RecordKind.Account, id)));
        ByKeys(accounts.Select(id => StoreKeys.DealAccount + id));

        // 4. The contact roles of those deals (and of explicitly named ones).
        ByKeys(Values<Deal>().Select(d => StoreKeys.RoleDeal + d.Id));
    }

    private CrmSnapshot ToSnapshot() => new()
    {
        Users = [.. Values<CrmUser>()],
        Accounts = [.. Values<Account>()],
        Contacts = [.. Values<Contact>()],
        Leads = [.. Values<Lead>()],
        Deals = [.. Values<Deal>()],
        DealContacts = [.. Values<DealContact>()],
    };

    private IEnumerable<T> Values<T>() => _records.Values.Select(r => r.Value).OfType<T>();

    private void ByKeys(IEnumerable<string> keys)
    {
        string[] list = [.. keys.Distinct(StringComparer.Ordinal)];
        if (list.Length == 0)
        {
            return;
        }

        _db.ForEach(
            "SELECT r.kind, r.id, r.json FROM crm_keys k JOIN crm_records r ON r.ws = k.ws AND r.kind = k.kind AND r.id = k.id " +
            $"WHERE k.ws = @ws AND {_db.Dialect.InList("k.key", "@keys")}",
            Add, _ws, _db.List(list));
    }

    private void ByIds(IEnumerable<(RecordKind Kind, string Id)> which)
    {
        foreach (IGrouping<RecordKind, string> kind in which.Where(w => !_records.ContainsKey(w)).GroupBy(w => w.Kind, w => w.Id))
        {
            string[] ids = [.. kind.Distinct(StringComparer.Ordinal)];
            _db.ForEach($"SELECT kind, id, json FROM crm_records WHERE ws = @ws AND kind = @kind AND {_db.Dialect.InList("id", "@ids")}",
                Add, _ws, (int)kind.Key, _db.List(ids));
        }
    }

    private void Add(System.Data.Common.DbDataReader r)
    {
        var kind = (RecordKind)r.Int(0);
        string id = r.GetString(1);
        if (!_records.ContainsKey((kind, id)))
        {
            _records[(kind, id)] = CrmRecord.FromJson(kind, id, r.GetString(2));
        }
    }

    private static RecordKind Kind(CrmRefType type) => type switch
    {
        CrmRefType.Contact => RecordKind.Contact,
        CrmRefType.Account => RecordKind.Account,
        CrmRefType.Lead => RecordKind.Lead,
        _ => RecordKind.Deal,
    };
}
