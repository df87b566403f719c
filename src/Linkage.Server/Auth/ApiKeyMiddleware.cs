using System.Collections.Concurrent;
using Linkage.Server.Api;
using Linkage.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Auth;

/// <summary>
/// Every <c>/api</c> request names its workspace by its key (<c>Authorization: Bearer KEY</c> or
/// <c>X-Api-Key: KEY</c>); without a valid one it is 401. Endpoints read the workspace from the request
/// only, so no request can name another workspace: another workspace's ids are simply not found (404).
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, StorePool stores)
{
    private const string WorkspaceItem = "linkage.workspace";
    private const string KeyItem = "linkage.key";

    // Keys are never revoked while the server runs, so a known hash can be remembered.
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        string? key = KeyOf(context.Request);
        if (key is null)
        {
            await Unauthorized(context, "this request needs an API key: send 'Authorization: Bearer KEY' (create one with 'linkage key create --workspace NAME')");
            return;
        }

        string hash = ApiKeys.Hash(key);
        if (!_known.TryGetValue(hash, out string? workspace))
        {
            using (StorePool.Lease lease = stores.Rent())
            {
                workspace = lease.Store.WorkspaceOfApiKey(hash);
            }

            if (workspace is null)
            {
                await Unauthorized(context, "the API key is not valid");
                return;
            }

            _known[hash] = workspace;
        }

        context.Items[WorkspaceItem] = workspace;
        context.Items[KeyItem] = hash;
        await next(context);
    }

    /// <summary>The workspace of the request's key; only called behind this middleware.</summary>
    public static string WorkspaceOf(HttpContext context) =>
        context.Items[WorkspaceItem] as string ?? throw new InvalidOperationException("no workspace: the API key middleware did not run");

    /// <summary>The hash of the request's key, the rate limiter's partition; null outside <c>/api</c>.</summary>
    public static string? KeyHashOf(HttpContext context) => context.Items[KeyItem] as string;

    private static string? KeyOf(HttpRequest request)
    {
        string? auth = request.Headers.Authorization;
        if (auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && auth[7..].Trim() is { Length: > 0 } bearer)
        {
            return bearer;
        }

        return request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }

    private static Task Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Write(context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }
}
