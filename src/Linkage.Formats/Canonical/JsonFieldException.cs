using System.Text.Json;

namespace Linkage.Formats.Canonical;

/// <summary>
/// A record's field holds a value of the wrong kind. The serializer gives the record's path ($.contacts[0]);
/// <see cref="Field"/> says which of its fields, so an API can name <c>contacts[0].modifiedAt</c>.
/// </summary>
public sealed class JsonFieldException(string field, string message) : JsonException(message)
{
    public string Field { get; } = field;
}
