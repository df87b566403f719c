namespace Linkage.Storage.Sql;

/// <summary>
/// Who depends on what: for every stored association, the keys it was computed from (emails, phones,
/// hosts, record ids), indexed so that a CRM change finds the activities it may move. The two back ends
/// keep it differently (<see cref="ActivityKeyRows"/>, <see cref="ActivityKeyTerms"/>); what they answer
/// is the same.
/// </summary>
internal abstract class ActivityKeyIndex
{
    /// <summary>
    /// Files each changed activity under its new keys instead of its old ones. With <paramref name="mayDefer"/>
    /// (a server's submission: many small transactions) a back end may file new activities later, in a
    /// batch, as long as every look-up answers as if they were filed now.
    /// </summary>
    public abstract void Write(Database db, long ws, IReadOnlyList<ActivityKeyChange> changes, bool mayDefer = false);

    /// <summary>The distinct ids of the workspace's activities filed under any of <paramref name="keys"/>.</summary>
    public abstract IReadOnlyCollection<string> ActivityIds(Database db, long ws, IReadOnlyCollection<string> keys);

    /// <summary>Queues the activities filed under any of <paramref name="keys"/>; returns how many queue rows were written.</summary>
    public abstract long Queue(Database db, long ws, IReadOnlyCollection<string> keys, string reason, long mark);

    /// <summary>Schema step 4: moves an existing index into this back end's form.</summary>
    public abstract void Upgrade(Database db);

    /// <summary>Schema step 7: how the index merges what successive transactions wrote.</summary>
    public abstract void ConfigureMerging(Database db);
}

/// <summary>
/// An activity whose keys changed: what it was filed under, and what it is filed under now (either may be
/// empty); its sequence number when the writer already knows it (an activity stored in this transaction);
/// and <see cref="Next"/> as SQLite's key index files it, when the plan made that outside the writer's lock.
/// </summary>
internal sealed record ActivityKeyChange(string ActivityId, string[] Was, string[] Next, long? Seq = null, string? NextTerms = null);
