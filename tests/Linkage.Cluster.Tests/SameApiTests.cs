using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Linkage.Cluster.Tests.Support;
using Linkage.Server;
using Linkage.Server.Auth;
using Linkage.Server.Hosting;
using Linkage.Storage;
using Microsoft.Extensions.Hosting;

namespace Linkage.Cluster.Tests;

/// <summary>
/// The HTTP API of a three-process cluster against one machine's, request for request: the same status and
/// the same body (times of day aside), with each request sent to the next process in turn.
/// </summary>
public sealed class SameApiTests
{
    [ClusterFact]
    public async Task Every_endpoint_answers_through_any_process_as_one_machine_does()
    {
        WorkspaceData w = WorkspaceData.Generate("same", 150, 40, 41);
        await using ThreeSilos cluster = await ThreeSilos.StartAsync([w], queueActivities: false);
        (string connection, string schema) = PostgresServer.NewPooledSchema();
        string key = ApiKeys.NewKey();
        using (ILinkageStore store = LinkageStore.Open(connection, create: true))
        {
            w.Load(store, activities: false);
            store.AddApiKey(w.Name, ApiKeys.Hash(key), "tests");
        }

        string oneUrl = $"http://127.0.0.1:{SiloProcess.FreePort()}";
        using IHost one = ServerHost.CreateHostBuilder(new ServerOptions { Store = connection, Urls = oneUrl, RateLimit = 0 }).Build();
        await one.StartAsync();
        try
        {
            using var oneClient = new HttpClient { BaseAddress = new Uri(oneUrl), Timeout = TimeSpan.FromMinutes(2) };
            oneClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            string email = w.Crm.Contacts[3].Emails[0];
            string activity = w.Activities[5].Id;
            (HttpMethod Method, string Path, string? Body, int Status)[] steps =
            [
                (HttpMethod.Post, "/api/activities", Encoding.UTF8.GetString(w.Body(0, 20)), 200),
                (HttpMethod.Post, "/api/activities", "[{\"id\":\"bad\"}]", 400),
                (HttpMethod.Get, $"/api/search?q={Uri.EscapeDataString(email)}", null, 200),
                (HttpMethod.Get, "/api/search?q=", null, 400),
                (HttpMethod.Post, "/api/crm/records", "{\"contacts\":[{\"id\":\"NEW1\",\"name\":\"New Person\",\"emails\":[\"" + email + "\"]}]}", 200),
                (HttpMethod.Get, $"/api/search?q={Uri.EscapeDataString(email)}", null, 200),
                (HttpMethod.Post, "/api/crm/records", "{\"contacts\":[{\"id\":\"X\",\"modifiedAt\":\"soon\"}]}", 400),
                (HttpMethod.Put, $"/api/activities/{activity}/pin", "{\"contacts\":[\"NEW1\"]}", 200),
                (HttpMethod.Get, $"/api/activities/{activity}", null, 200),
                (HttpMethod.Get, $"/api/records/contact/{w.Crm.Contacts[3].Id}", null, 200),
                (HttpMethod.Get, "/api/records/contact/nobody", null, 404),
                (HttpMethod.Delete, $"/api/activities/{activity}/pin", null, 200),
                (HttpMethod.Post, "/api/crm/deletions", "{\"contacts\":[\"NEW1\"]}", 200),
                (HttpMethod.Post, "/api/activities", Encoding.UTF8.GetString(w.Body(20, 20)), 200),
                (HttpMethod.Get, "/api/coverage", null, 200),
                (HttpMethod.Get, "/api/settings", null, 200),
                (HttpMethod.Get, "/api/workspace", null, 200),
            ];
            for (int i = 0; i < steps.Length; i++)
            {
                using HttpClient front = cluster.Client(cluster.Silos[i % 3], w.Name);
                (int status, string body) expected = await Send(oneClient, steps[i]);
                (int status, string body) actual = await Send(front, steps[i]);
                Assert.True(expected == actual, $"{steps[i].Method} {steps[i].Path}\none machine: {expected}\ncluster:     {actual}");
                Assert.True(actual.status == steps[i].Status, $"{steps[i].Method} {steps[i].Path}: {actual}");
            }
        }
        finally
        {
            await one.StopAsync();
            PostgresServer.DropSchema(schema);
        }
    }

    private static async Task<(int, string)> Send(HttpClient client, (HttpMethod Method, string Path, string? Body, int Status) step)
    {
        using var request = new HttpRequestMessage(step.Method, step.Path);
        if (step.Body is not null)
        {
            request.Content = new StringContent(step.Body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, Normalised(body));
    }

    /// <summary>The body without what differs between any two runs: times of day and trace ids.</summary>
    private static string Normalised(string body)
    {
        if (body.Length == 0 || JsonNode.Parse(body) is not { } node)
        {
            return body;
        }

        Strip(node);
        return node.ToJsonString();

        static void Strip(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                foreach (string name in new[] { "at", "pinnedAt", "traceId" })
                {
                    o.Remove(name);
                }

                foreach (var p in o.ToList())
                {
                    Strip(p.Value);
                }
            }
            else if (n is JsonArray a)
            {
                foreach (JsonNode? e in a)
                {
                    Strip(e);
                }
            }
        }
    }
}
