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

    public void Dispose() => _world.Dispose();
}
