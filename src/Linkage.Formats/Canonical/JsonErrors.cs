using System.Text.Json;

namespace Linkage.Formats.Canonical;

/// <summary>Turns System.Text.Json's exceptions into a place and a problem a person can act on.</summary>
internal static class JsonErrors
{
    public static (string Place, string Problem) Describe(JsonException ex, int? lineOffset = null)
    {
        long line = (ex.LineNumber ?? 0) + 1 + (lineOffset ?? 0);
        long column = (ex.BytePositionInLine ?? 0) + 1;
        string place = lineOffset is null && ex.LineNumber is null ? "" : $"line {line}, column {column}";
        // A record converter's error knows the field; the serializer's path stops at the record.
        string? path = ex is JsonFieldException { Field: var field } && !string.IsNullOrEmpty(ex.Path) ? $"{ex.Path}.{field}" : ex.Path;
        if (!string.IsNullOrEmpty(path) && path != "$")
        {
            place = place.Length == 0 ? path : $"{place} ({path})";
        }

        return (place.Length == 0 ? "start" : place, Problem(ex.Message));
    }

    private static string Problem(string message)
    {
        foreach (string marker in new[] { " Path: ", " LineNumber: ", " | LineNumber" })
        {
            int cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }
        }

        return message
            .Replace("System.String", "a string", StringComparison.Ordinal)
            .Replace("System.Collections.Generic.List`1[a string]", "a list of strings", StringComparison.Ordinal)
            .Replace("System.Boolean", "true or false", StringComparison.Ordinal)
            .Replace("System.Int32", "a whole number", StringComparison.Ordinal)
            .Replace("System.Nullable`1[true or false]", "true or false", StringComparison.Ordinal)
            .Replace("System.Nullable`1[a whole number]", "a whole number", StringComparison.Ordinal)
            .TrimEnd('.');
    }
}
