using System.Buffers;
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

        if (request.ContentLength is { } length and <= int.MaxValue)
        {
            try
            {
                return await ReadExactlyAsync(request, (int)length, cancel);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (null, Problems.TooLarge(limit));
            }
        }

        using var buffer = new MemoryStream(4096);
        // Rented: a fresh 80 KB chunk per request was most of what a single-activity request allocated,
        // and so most of the server's collections under many small requests.
        byte[] chunk = ArrayPool<byte>.Shared.Rent(81920);
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
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return Checked(buffer.ToArray());
    }

    /// <summary>A body of a known length (within the limit) goes straight into an array of that size.</summary>
    private static async Task<(byte[]? Body, IResult? Problem)> ReadExactlyAsync(HttpRequest request, int length, CancellationToken cancel)
    {
        byte[] body = new byte[length];
        int filled = 0, read;
        while (filled < length && (read = await request.Body.ReadAsync(body.AsMemory(filled), cancel)) > 0)
        {
            filled += read;
        }

        // The server ends a body at its Content-Length (and fails a request whose body stops short).
        return Checked(filled == length ? body : body[..filled]);
    }

    private static (byte[]? Body, IResult? Problem) Checked(byte[] body) =>
        body.Length == 0 ? (null, Problems.BadField("body", "the request body is empty; expected JSON")) : (body, null);
}
