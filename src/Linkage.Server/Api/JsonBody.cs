using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Api;

/// <summary>
/// Reads a small JSON body into a record with the body size limit, turning a JSON error into
/// a problem that names the field (the framework's own binding failure names only the parameter).
/// </summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, long limit, CancellationToken cancel)
        where T : class
    {
        (byte[]? body, IResult? problem) = await RequestBody.ReadAsync(request, limit, cancel);
        return body is null ? (null, problem) : Parse<T>(body);
    }

    /// <summary>Reads a body already read (and size-checked).</summary>
    public static (T? Value, IResult? Problem) Parse<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options) is { } value
                ? (value, null)
                : (null, Problems.BadField("body", "expected a JSON object, found null"));
        }
        catch (JsonException ex)
        {
            string field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return (null, Problems.BadField(field, FirstSentence(ex.Message)));
        }
    }

    // System.Text.Json appends "Path: … | LineNumber: …" to its messages; the field already says where.
    private static string FirstSentence(string message) =>
        message.IndexOf(" Path:", StringComparison.Ordinal) is var cut and > 0 ? message[..cut] : message;
}
