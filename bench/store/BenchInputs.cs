using System.Globalization;
using System.Text;
using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Linkage.Storage;
using Activity = Linkage.Core.Model.Activity;

/// <summary>
/// What the submit, write and plan harnesses share: STORE WORKSPACE ACTIVITIES.jsonl COUNT SIZE from the
/// command line, the workspace's engine built from the store, and the first COUNT activities parsed.
/// </summary>
internal sealed class BenchInputs : IDisposable
{
    private BenchInputs(string path, ILinkageStore store, string workspace, LinkageSettings settings, Associator associator, List<Activity> activities, int size)
    {
        Path = path;
        Store = store;
        Workspace = workspace;
        Settings = settings;
        Associator = associator;
        Activities = activities;
        Size = size;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    public ILinkageStore Store { get; }

    public string Workspace { get; }

    public LinkageSettings Settings { get; }

    public Associator Associator { get; }

    public List<Activity> Activities { get; }

    /// <summary>The fifth argument: a batch or chunk size.</summary>
    public int Size { get; }

    public static BenchInputs Load(string[] args)
    {
        string db = args[0], workspace = args[1], file = args[2];
        int count = int.Parse(args[3], CultureInfo.InvariantCulture), size = int.Parse(args[4], CultureInfo.InvariantCulture);
        if (Environment.GetEnvironmentVariable("STOREBENCH_SQL") is { Length: > 0 } sql)
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }

        ILinkageStore store = LinkageStore.Open(db, create: false);
        LinkageSettings settings = store.Settings(workspace);
        var associator = Associator.Create(store.Snapshot(workspace), settings, ReferenceData.Bundled);
        List<Activity> activities = [.. File.ReadLines(file).Take(count).Select(l => ActivityLineParser.Parse(Encoding.UTF8.GetBytes(l)).Activity!)];
        return new BenchInputs(db, store, workspace, settings, associator, activities, size);
    }

    public void Dispose() => Store.Dispose();
}
