namespace Linkage.Storage.Tests.Support;

/// <summary>What the SQLite key index's tests share: a store of the test world, associated, and look-ups by one key.</summary>
internal static class KeyIndexStores
{
    public const string Ws = "default";

    /// <summary>A store at <paramref name="db"/> with the test world's settings, CRM and activities, all associated (and filed).</summary>
    public static ILinkageStore Loaded(string db, TimeProvider clock)
    {
        ILinkageStore store = LinkageStore.Open(db, clock);
        store.ReplaceSettings(Ws, TestWorld.Settings);
        store.ImportCrm(Ws, TestWorld.Snapshot(), replace: false);
        store.ImportActivities(Ws, TestWorld.Activities());
        store.Associate(Ws);
        return store;
    }

    /// <summary>The ids of the activities the index finds under <paramref name="key"/>.</summary>
    public static string[] Found(ILinkageStore store, string key) =>
        [.. store.ActivitiesByKeys(Ws, [key], 10_000).Select(e => e.Activity.Id)];
}
