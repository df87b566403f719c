using Microsoft.AspNetCore.Http;

namespace Linkage.Cluster.Grains;

/// <summary>
/// Runs an endpoint's result against a detached HTTP context and keeps what it wrote, so the front end on
/// another silo can send exactly the bytes one machine would have sent.
/// </summary>
internal static class ResultCapture
{
    public static async Task<GrainReply> CaptureAsync(IResult result, IServiceProvider services, string silo)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http).ConfigureAwait(false);
        return new GrainReply(http.Response.StatusCode, http.Response.ContentType, body.ToArray(), silo);
    }
}

/// <summary>A reply computed by a grain, written as it is, saying which silo holds the workspace (X-Linkage-Silo).</summary>
internal sealed class ReplyResult(GrainReply reply) : IResult
{
    public const string SiloHeader = "X-Linkage-Silo";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = reply.Status;
        httpContext.Response.Headers[SiloHeader] = reply.Silo;
        if (reply.ContentType is { } type)
        {
            httpContext.Response.ContentType = type;
        }

        httpContext.Response.ContentLength = reply.Body.Length;
        return httpContext.Response.Body.WriteAsync(reply.Body).AsTask();
    }
}
