using System.Net;
using System.Text.Json;
using Linkage.Server.Tests.Support;

namespace Linkage.Server.Tests;

/// <summary>What the host serves besides the API: the OpenAPI document, the page, problems for unknown routes.</summary>
public sealed class HostTests : IDisposable
{
    private readonly ServerWorld _world = new();

    [Fact]
    public async Task OpenApi_document_lists_every_endpoint()
    {
        JsonElement doc = await (await _world.Server().CreateClient().GetAsync("/openapi/v1.json")).Json();
        string[] paths = [.. doc.GetProperty("paths").EnumerateObject().Select(p => p.Name)];
        Assert.Equal(
            ["/api/activities", "/api/activities/{id}", "/api/activities/{id}/pin", "/api/coverage", "/api/crm/deletions", "/api/crm/records",
             "/api/records/{kind}/{id}", "/api/search", "/api/settings", "/api/workspace"],
            paths.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/", "text/html", "<title>Linkage</title>")]
    [InlineData("/app.js", "text/javascript", "sessionStorage")]
    [InlineData("/app.css", "text/css", "font-family")]
    public async Task Page_assets_are_served_without_a_key(string url, string type, string contains)
    {
        HttpResponseMessage response = await _world.Server().CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(type, response.Content.Headers.ContentType?.ToString());
        Assert.Contains(contains, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem() =>
        await (await ServerWorld.Client(_world.Server(), _world.GlobexKey).GetAsync("/api/nothing-here")).Problem(HttpStatusCode.NotFound);

    [Fact]
    public async Task Submitted_activities_reach_the_database_file_while_the_server_runs()
    {
        // A small write stays in SQLite's write-ahead log until a checkpoint copies it into the file; commits
        // alone do so only once the log passes 1,000 pages. The server's checkpoint thread copies it anyway.
        HttpClient client = ServerWorld.Client(_world.Server(), _world.GlobexKey);
        byte[] before = ReadShared(_world.StorePath);
        await (await client.PostJson("/api/activities",
            """[{"id":"ckpt-1","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"bill@initech.com"}]}]""")).Json();

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (ReadShared(_world.StorePath).AsSpan().SequenceEqual(before) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.False(ReadShared(_world.StorePath).AsSpan().SequenceEqual(before), "the database file is unchanged 10 s after the write");
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => _world.Dispose();
}
