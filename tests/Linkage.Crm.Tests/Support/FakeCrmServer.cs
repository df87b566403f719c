using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Linkage.Crm.Tests.Support;

/// <summary>What the fake CRM received.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, string? Authorization, string Body);

/// <summary>What the fake CRM answers: a status, a body, optionally Retry-After and a delay before answering.</summary>
public sealed record Reply(int Status, string Body, int? RetryAfterSeconds = null, TimeSpan Delay = default)
{
    public static Reply Json(string body) => new(200, body);
}

/// <summary>
/// A CRM API on a loopback port, answering each request with what the test's script says for the n-th
/// request (1-based). Counts every request, which is what the quota tests assert.
/// </summary>
public sealed class FakeCrmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private int _count;

    private FakeCrmServer(Func<ReceivedRequest, int, Reply> script)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? "",
                Uri.UnescapeDataString(context.Request.QueryString.Value ?? ""), context.Request.Headers.Authorization.ToString(), body);
            _received.Enqueue(request);
            Reply reply = script(request, Interlocked.Increment(ref _count));
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        });
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _count);

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<FakeCrmServer> StartAsync(Func<ReceivedRequest, int, Reply> script)
    {
        var server = new FakeCrmServer(script);
        await server._app.StartAsync();
        server.BaseUrl = new Uri(server._app.Urls.First());
        return server;
    }

    /// <summary>The same reply to every request.</summary>
    public static Task<FakeCrmServer> StartAsync(Reply always) => StartAsync((_, _) => always);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
