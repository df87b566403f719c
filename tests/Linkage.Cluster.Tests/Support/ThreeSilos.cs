using System.Net.Http.Headers;
using Linkage.Server.Auth;
using Linkage.Storage;

namespace Linkage.Cluster.Tests.Support;

/// <summary>
/// Three <c>./linkage serve --cluster</c> processes sharing a fresh PostgreSQL schema (store and membership),
/// and workspaces loaded into it, each with an API key.
/// </summary>
public sealed class ThreeSilos : IAsyncDisposable
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    private ThreeSilos(string connection, string schema)
    {
        Connection = connection;
        Schema = schema;
    }

    public string Connection { get; }

    public string Schema { get; }

    public List<SiloProcess> Silos { get; } = [];

    public static async Task<ThreeSilos> StartAsync(IEnumerable<WorkspaceData> workspaces, bool queueActivities)
    {
        (string connection, string schema) = PostgresServer.NewPooledSchema();
        var three = new ThreeSilos(connection, schema);
        try
        {
            using (ILinkageStore store = LinkageStore.Open(connection, create: true))
            {
                foreach (WorkspaceData w in workspaces)
                {
                    w.Load(store, queueActivities);
                    string key = ApiKeys.NewKey();
                    store.AddApiKey(w.Name, ApiKeys.Hash(key), "tests");
                    three._keys[w.Name] = key;
                }
            }

            // The first creates the membership tables; the others join it.
            three.Silos.Add(await SiloProcess.StartAsync(connection));
            SiloProcess[] more = await Task.WhenAll(SiloProcess.StartAsync(connection), SiloProcess.StartAsync(connection));
            three.Silos.AddRange(more);
            return three;
        }
        catch
        {
            await three.DisposeAsync();
            throw;
        }
    }

    public HttpClient Client(SiloProcess silo, string workspace)
    {
        var client = new HttpClient { BaseAddress = new Uri(silo.Url), Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys[workspace]);
        return client;
    }

    public string Logs => string.Join("\n---\n", Silos.Select(s => s.Log));

    public async ValueTask DisposeAsync()
    {
        foreach (SiloProcess silo in Silos)
        {
            await silo.DisposeAsync();
        }

        PostgresServer.DropSchema(Schema);
    }
}
