using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Api;

/// <summary>
/// Reads a whole request body, refusing one over the limit with 413 — by its Content-Length before reading,
/// or while reading when it has none. (Kestrel enforces the same limit; this also holds in-process.)
/// </summary>
internal static class RequestBody
{
    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpRequest request, long limit, CancellationToken cancel)
    {
        if (request.ContentLength > limit)
        {
            return (null, Problems.TooLarge(limit));
        }

        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)Math.Min(n, limit) : 4096);
        byte[] chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, Problems.TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(limit));
        }

        if (buffer.Length == 0)
        {
            return (null, Problems.BadField("body", "the request body is empty; expected JSON"));
        }

        return (buffer.ToArray(), null);
    }
}
