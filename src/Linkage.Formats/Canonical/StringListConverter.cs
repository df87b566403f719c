using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkage.Formats.Canonical;

/// <summary>Reads a list of strings written as a list, a single string, or null; numbers become their text.</summary>
internal sealed class StringListConverter : JsonConverter<List<string>>
{
    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
            case JsonTokenType.Number:
                return [Scalar(ref reader)];
            case JsonTokenType.StartArray:
                var list = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                    {
                        throw new JsonException("expected a string in this list");
                    }

                    list.Add(Scalar(ref reader));
                }

                return list;
            default:
                throw new JsonException("expected a string or a list of strings");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (string s in value)
        {
            writer.WriteStringValue(s);
        }

        writer.WriteEndArray();
    }

    private static string Scalar(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
}
