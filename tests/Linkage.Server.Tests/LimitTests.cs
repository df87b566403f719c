using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.Server.Tests.Support;

namespace Linkage.Server.Tests;

/// <summary>The configurable limits: body size (413), batch size (400), requests per key (429).</summary>
public sealed class LimitTests : IDisposable
{
    private readonly ServerWorld _world = new();

    private static string Activities(int n) =>
        "[" + string.Join(',', Enumerable.Range(0, n).Select(i =>
            $$"""{"id":"L{{i}}","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"bill@initech.com"}]}""")) + "]";

    [Theory]
    [InlineData("/api/activities")]
    [InlineData("/api/crm/records")]
    [InlineData("/api/crm/deletions")]
    public async Task Body_over_the_limit_is_413(string url)
    {
        LinkageFactory server = _world.Server(_world.Options with { MaxBodyBytes = 1_000 });
        JsonElement problem = await (await ServerWorld.Client(server, _world.GlobexKey).PostJson(url, Activities(20))).Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1,000 bytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Body_over_the_limit_without_a_length_is_413()
    {
        LinkageFactory server = _world.Server(_world.Options with { MaxBodyBytes = 1_000 });
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Activities(20))));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        HttpClient client = ServerWorld.Client(server, _world.GlobexKey);
        await (await client.SendAsync(request)).Problem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Body_without_a_length_is_read_whole()
    {
        LinkageFactory server = _world.Server(_world.Options with { MaxBodyBytes = 200_000 });
        // About 100 KB: more than one read of the rented buffer.
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Activities(900))), 4_096);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        JsonElement answer = await (await ServerWorld.Client(server, _world.GlobexKey).SendAsync(request)).Json();
        Assert.Equal(900, answer.GetProperty("associations").GetArrayLength());
    }

    [Fact]
    public async Task Body_at_the_limit_is_accepted()
    {
        string body = Activities(2);
        LinkageFactory server = _world.Server(_world.Options with { MaxBodyBytes = Encoding.UTF8.GetByteCount(body) });
        await (await ServerWorld.Client(server, _world.GlobexKey).PostJson("/api/activities", body)).Json();
    }

    [Fact]
    public async Task Batch_over_the_limit_is_400_naming_activities()
    {
        LinkageFactory server = _world.Server(_world.Options with { MaxBatch = 3 });
        HttpClient client = ServerWorld.Client(server, _world.GlobexKey);
        await (await client.PostJson("/api/activities", Activities(3))).Json();
        string message = await (await client.PostJson("/api/activities", Activities(4))).BadField("activities");
        Assert.Contains("at most 3", message);
    }

    [Fact]
    public async Task Record_batch_over_the_limit_is_400_naming_records()
    {
        LinkageFactory server = _world.Server(_world.Options with { MaxBatch = 1 });
        await (await ServerWorld.Client(server, _world.GlobexKey).PostJson("/api/crm/records",
            """{"accounts":[{"id":"X1"},{"id":"X2"}]}""")).BadField("records");
    }

    [Fact]
    public async Task Requests_over_the_rate_limit_are_429_per_key()
    {
        LinkageFactory server = _world.Server(_world.Options with { RateLimit = 3, RateLimitWindow = TimeSpan.FromMinutes(1) });
        HttpClient globex = ServerWorld.Client(server, _world.GlobexKey);
        for (int i = 0; i < 3; i++)
        {
            await (await globex.GetAsync("/api/workspace")).Json();
        }

        HttpResponseMessage refused = await globex.GetAsync("/api/workspace");
        JsonElement problem = await refused.Problem(HttpStatusCode.TooManyRequests);
        Assert.Contains("3 requests per 60 s", problem.GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        // Another key has its own allowance.
        await (await ServerWorld.Client(server, _world.NorthwindKey).GetAsync("/api/workspace")).Json();
    }

    [Fact]
    public async Task Rate_limit_of_zero_lets_everything_through()
    {
        HttpClient client = ServerWorld.Client(_world.Server(_world.Options with { RateLimit = 0 }), _world.GlobexKey);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/workspace")).StatusCode);
        }
    }

    public void Dispose() => _world.Dispose();
}
