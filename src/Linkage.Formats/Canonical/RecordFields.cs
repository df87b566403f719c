using System.Text;
using System.Text.Json;

namespace Linkage.Formats.Canonical;

/// <summary>
/// Field readers for the snapshot's record converters. A problem throws a <see cref="JsonException"/> whose
/// message names the field; System.Text.Json adds the record's path and line.
/// </summary>
internal static class RecordFields
{
    /// <summary>Times and dates up to this many characters (any ISO 8601 form) are parsed without a string.</summary>
    private const int MaxTimeLength = 64;

    /// <summary>Reads the next value as text: a string, a number's text, or null.</summary>
    public static string? String(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return Text(ref reader, field);
    }

    /// <summary>
    /// Reads the next value as <see cref="String"/> does, as an instance shared with equal values of the read in
    /// progress (<see cref="SnapshotStrings"/>): text from a small vocabulary, such as a region or a stage.
    /// </summary>
    public static string? Value(ref Utf8JsonReader reader, string field) =>
        Pooled(ref reader, field, SnapshotStrings.Current?.Values, trim: false);

    /// <summary>
    /// Reads an id that other records repeat, trimmed as <see cref="Required"/> and <see cref="Optional"/> would
    /// (so that they keep the shared instance), as an instance shared with equal ids of the read in progress.
    /// </summary>
    public static string? Reference(ref Utf8JsonReader reader, string field) =>
        Pooled(ref reader, field, SnapshotStrings.Current?.References, trim: true);

    private static string? Pooled(ref Utf8JsonReader reader, string field, StringPool? pool, bool trim)
    {
        reader.Read();
        if (pool is null || reader.TokenType != JsonTokenType.String || RawLength(ref reader) > StringPool.MaxLength)
        {
            return Text(ref reader, field);
        }

        Span<char> buffer = stackalloc char[StringPool.MaxLength];
        ReadOnlySpan<char> chars = buffer[..reader.CopyString(buffer)];
        return pool.Get(trim ? chars.Trim() : chars);
    }

    /// <summary>The current token's length in UTF-8 bytes as written: at least its length in UTF-16 once unescaped.</summary>
    private static long RawLength(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;

    /// <summary>The current token as text: a string, a number's text, or null.</summary>
    private static string? Text(ref Utf8JsonReader reader, string field) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new JsonFieldException(field, $"{field} must be a string, found {Describe(reader.TokenType)}"),
        };

    /// <summary>A list of strings, or a single string; appended to <paramref name="into"/>.</summary>
    public static void Strings(ref Utf8JsonReader reader, string field, ref RecordStrings into)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.String:
            case JsonTokenType.Number:
                into.Add(Scalar(ref reader));
                return;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                    {
                        throw new JsonFieldException(field, $"{field} must hold strings, found {Describe(reader.TokenType)}");
                    }

                    into.Add(Scalar(ref reader));
                }

                return;
            default:
                throw new JsonFieldException(field, $"{field} must be a string or a list of strings, found {Describe(reader.TokenType)}");
        }
    }

    public static bool? Bool(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            JsonTokenType.String when reader.ValueTextEquals("true"u8) => true,
            JsonTokenType.String when reader.ValueTextEquals("false"u8) => false,
            _ => throw new JsonFieldException(field, $"{field} must be true or false, found {Describe(reader.TokenType)}"),
        };
    }

    /// <summary>
    /// An ISO 8601 time. The usual short one is parsed from a stack buffer: a million records would otherwise
    /// leave a million or more strings behind for gen0 to collect.
    /// </summary>
    public static DateTimeOffset? Instant(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && RawLength(ref reader) <= MaxTimeLength)
        {
            Span<char> buffer = stackalloc char[MaxTimeLength];
            ReadOnlySpan<char> chars = buffer[..reader.CopyString(buffer)];
            if (chars.IsWhiteSpace())
            {
                return null;
            }

            return IsoTime.TryParseInstant(chars, requireOffset: false, out DateTimeOffset parsed)
                ? parsed
                : throw new JsonFieldException(field, $"{field} '{chars}' is not an ISO 8601 time");
        }

        string? text = Text(ref reader, field);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return IsoTime.TryParseInstant(text, requireOffset: false, out DateTimeOffset value)
            ? value
            : throw new JsonFieldException(field, $"{field} '{text}' is not an ISO 8601 time");
    }

    /// <summary>An ISO 8601 date, read like <see cref="Instant"/>.</summary>
    public static DateOnly? Date(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && RawLength(ref reader) <= MaxTimeLength)
        {
            Span<char> buffer = stackalloc char[MaxTimeLength];
            ReadOnlySpan<char> chars = buffer[..reader.CopyString(buffer)];
            if (chars.IsWhiteSpace())
            {
                return null;
            }

            return IsoTime.TryParseDate(chars, out DateOnly parsed)
                ? parsed
                : throw new JsonFieldException(field, $"{field} '{chars}' is not an ISO 8601 date");
        }

        string? text = Text(ref reader, field);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return IsoTime.TryParseDate(text, out DateOnly value)
            ? value
            : throw new JsonFieldException(field, $"{field} '{text}' is not an ISO 8601 date");
    }

    /// <summary>A required id: present and not blank.</summary>
    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new JsonException($"missing {field}") : value.Trim();

    /// <summary>An optional reference: blank means none.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Skips an unknown field's value. TrySkip, not Skip: a stream is read in blocks, and Skip refuses any
    /// block that is not the last even though the serializer has buffered the whole record for a converter.
    /// </summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (!reader.TrySkip())
        {
            throw new JsonException("the record is cut short");
        }
    }

    public static void ExpectObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected a record object, found {Describe(reader.TokenType)}");
        }
    }

    private static string Scalar(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);

    /// <summary>A token as a person would name what they wrote.</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "a list",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
