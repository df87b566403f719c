using System.Text.Json;
using Linkage.Formats.Sources;

namespace Linkage.Formats.Gong;

/// <summary>
/// A file holding what Gong's calls API returned with extensive content (<c>POST /v2/calls/extensive</c>):
/// one response (<c>{"records": …, "calls": [...]}</c>), an array of such responses (several pages saved
/// together), or a bare array of calls. Each call is numbered from 1 in file order for reporting.
/// A file is parsed whole: the API returns at most 100 calls a page, so files stay small.
/// </summary>
public sealed class GongCallsSource(string path) : IActivitySource
{
    private long _position;

    public string Path => path;

    public ActivityFormat Format => ActivityFormat.Gong;

    public long Length { get; } = InputFiles.LengthOf(path);

    public long Position => _position;

    public IEnumerable<SourceItem> Read()
    {
        using JsonDocument? document = Parse(out string? problem);
        _position = Length;
        if (document is null)
        {
            yield return SourceItem.Malformed(SourceLocation.WholeFile(path), problem!);
            yield break;
        }

        if (!HasCalls(document.RootElement))
        {
            yield return SourceItem.Malformed(SourceLocation.WholeFile(path), "no calls[] array: not a Gong calls response");
            yield break;
        }

        long number = 0;
        foreach (JsonElement call in Calls(document.RootElement))
        {
            number++;
            var at = new SourceLocation(path, "call", number);
            (Core.Model.Activity? activity, string? why) = GongCallMapper.Map(call);
            yield return activity is not null ? SourceItem.Parsed(at, activity) : SourceItem.Malformed(at, why!);
        }
    }

    /// <summary>Whether a JSON document is a Gong calls response, by its shape near the start.</summary>
    public static bool LooksLikeGong(ReadOnlySpan<byte> head) =>
        head.IndexOf("\"calls\""u8) >= 0 || head.IndexOf("\"metaData\""u8) >= 0;

    private static bool HasCalls(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Object => root.TryGetProperty("calls", out JsonElement calls) ? calls.ValueKind == JsonValueKind.Array : root.TryGetProperty("metaData", out _),
        JsonValueKind.Array => root.GetArrayLength() == 0 || root.EnumerateArray().Any(HasCalls),
        _ => false,
    };

    private static IEnumerable<JsonElement> Calls(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            return root.TryGetProperty("calls", out JsonElement calls) && calls.ValueKind == JsonValueKind.Array
                ? calls.EnumerateArray()
                : root.TryGetProperty("metaData", out _) ? [root] : [];
        }

        return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().SelectMany(Calls) : [];
    }

    private JsonDocument? Parse(out string? problem)
    {
        problem = null;
        try
        {
            using FileStream stream = InputFiles.OpenForReading(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message.Split(" LineNumber", 2)[0].TrimEnd('.')}";
            return null;
        }
        catch (InputException ex)
        {
            problem = ex.Problem;
            return null;
        }
    }
}
