using System.Net.Http.Headers;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Linkage.Server.Auth;
using Linkage.Storage;

namespace Linkage.Server.Tests.Support;

/// <summary>
/// A throw-away SQLite store with two workspaces and a key for each: <c>northwind</c> holds the bundled
/// sample world (samples/, associated), <c>globex</c> a small world of its own that also has an activity
/// <c>E002</c>, so an id in both workspaces shows that each key sees only its own.
/// </summary>
public sealed class ServerWorld : IDisposable
{
    public const string Northwind = "northwind";
    public const string Globex = "globex";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linkage-server-tests-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<IDisposable> _owned = [];

    public ServerWorld()
    {
        Directory.CreateDirectory(_folder);
        StorePath = Path.Combine(_folder, "linkage.db");
        using ILinkageStore store = LinkageStore.Open(StorePath);
        store.ReplaceSettings(Northwind, SettingsReader.ReadFile(Path.Combine(Repo.Samples, "settings.json")));
        store.ImportCrm(Northwind, SnapshotReader.ReadFile(Path.Combine(Repo.Samples, "crm.json")), replace: false);
        store.ImportActivities(Northwind, File.ReadLines(Path.Combine(Repo.Samples, "activities.jsonl"))
            .Where(l => l.Trim().Length > 0).Select(l => ActivityLineParser.Parse(l).Activity!));
        store.Associate(Northwind);

        store.ReplaceSettings(Globex, new LinkageSettings { CompanyDomains = ["globex-sales.com"] });
        store.ImportCrm(Globex, new CrmSnapshot
        {
            Users = [new CrmUser { Id = "GU1", Emails = ["hank@globex-sales.com"] }],
            Accounts = [new Account { Id = "GA1", Name = "Initech", Domains = ["initech.com"] }],
            Contacts = [new Contact { Id = "GC1", AccountId = "GA1", Name = "Bill Lumbergh", Emails = ["bill@initech.com"], Phones = ["+1 212 555 0199"] }],
            Deals = [new Deal { Id = "GD1", AccountId = "GA1", Name = "Initech - TPS", CreatedAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) }],
        }, replace: false);
        store.ImportActivities(Globex,
        [
            Email("E002", "2026-02-04T11:20:00Z", "bill@initech.com"),
            Email("GX1", "2026-02-05T09:00:00Z", "bill@initech.com"),
        ]);
        store.Associate(Globex);
        NorthwindKey = ApiKeys.NewKey();
        store.AddApiKey(Northwind, ApiKeys.Hash(NorthwindKey), "tests");
        GlobexKey = ApiKeys.NewKey();
        store.AddApiKey(Globex, ApiKeys.Hash(GlobexKey), "tests");
    }

    public string StorePath { get; }

    public string NorthwindKey { get; }

    public string GlobexKey { get; }

    public ServerOptions Options => new() { Store = StorePath, RateLimit = 0 };

    /// <summary>An in-process server over this store; disposed with the world.</summary>
    public LinkageFactory Server(ServerOptions? options = null)
    {
        var factory = new LinkageFactory(options ?? Options);
        _owned.Add(factory);
        return factory;
    }

    public static HttpClient Client(LinkageFactory server, string? key)
    {
        HttpClient client = server.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static Activity Email(string id, string at, string to) => new()
    {
        Id = id,
        Type = ActivityType.Email,
        OccurredAt = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture),
        Participants = [new Participant { Email = "hank@globex-sales.com", Role = "from" }, new Participant { Email = to, Role = "to" }],
    };

    public void Dispose()
    {
        foreach (IDisposable d in Enumerable.Reverse(_owned))
        {
            d.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a folder in the temp directory.
        }
    }
}
