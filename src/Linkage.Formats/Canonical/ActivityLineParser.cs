using System.Text;
using System.Text.Json;
using Linkage.Core.Model;

namespace Linkage.Formats.Canonical;

/// <summary>The outcome of parsing one line of an activities file: an activity, or why the line is malformed.</summary>
public readonly record struct ActivityParse(Activity? Activity, string? Problem)
{
    public bool IsMalformed => Activity is null;
}

/// <summary>
/// Parses one canonical activity (a JSON Lines line) and checks what formats.md requires of it. Reads the
/// line with <see cref="Utf8JsonReader"/> straight into the model: this runs once per activity, and going
/// through serializer DTOs cost more than associating the activity.
/// </summary>
public static class ActivityLineParser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ActivityParse Parse(ReadOnlySpan<byte> utf8Line)
    {
        var reader = new Utf8JsonReader(utf8Line, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                return Malformed("empty line");
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                return Malformed("null where an activity object was expected");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Malformed($"expected an activity object, found {RecordFields.Describe(reader.TokenType)}");
            }

            ActivityParse parse = ReadActivity(ref reader);
            if (parse.IsMalformed)
            {
                return parse;
            }

            return reader.Read() ? Malformed($"unexpected content after the activity at column {reader.TokenStartIndex + 1}") : parse;
        }
        catch (JsonException ex)
        {
            (string place, string problem) = JsonErrors.Describe(ex);
            return Malformed(place == "start" ? problem : $"{problem} at {place.Replace("line 1, ", "", StringComparison.Ordinal)}");
        }
        catch (FieldException ex)
        {
            return Malformed(ex.Message);
        }
    }

    public static ActivityParse Parse(string line) => Parse(Encoding.UTF8.GetBytes(line));

    private static ActivityParse ReadActivity(ref Utf8JsonReader reader)
    {
        string? id = null, type = null, occurredAt = null;
        ActivityType? knownType = null;
        DateTimeOffset? when = null;
        bool dialer = false;
        List<Participant>? participants = null;
        List<CrmRef>? refs = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = ReadString(ref reader, "id");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                knownType = KnownType(ref reader);
                type = knownType is null ? ReadCurrentString(ref reader, "type") : null;
            }
            else if (reader.ValueTextEquals("occurredAt"u8))
            {
                reader.Read();
                when = Instant(ref reader);
                occurredAt = when is null ? ReadCurrentString(ref reader, "occurredAt") : null;
            }
            else if (reader.ValueTextEquals("dialer"u8))
            {
                dialer = ReadBool(ref reader, "dialer");
            }
            else if (reader.ValueTextEquals("participants"u8))
            {
                participants = ReadParticipants(ref reader);
            }
            else if (reader.ValueTextEquals("crmRefs"u8))
            {
                refs = ReadRefs(ref reader, "crmRefs");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return Malformed("missing id");
        }

        ActivityType activityType = default;
        if (knownType is null && !TryActivityType(type, out activityType))
        {
            return Malformed(type is null
                ? "missing type (call, email, meeting or engagement)"
                : $"type '{type}' is not call, email, meeting or engagement");
        }

        DateTimeOffset instant = default;
        if (when is null && !IsoTime.TryParseInstant(occurredAt, requireOffset: true, out instant))
        {
            return Malformed(occurredAt is null
                ? "missing occurredAt"
                : $"occurredAt '{occurredAt}' is not an ISO 8601 time with an offset");
        }

        return new ActivityParse(
            new Activity
            {
                Id = id.Trim(),
                Type = knownType ?? activityType,
                OccurredAt = when ?? instant,
                Dialer = dialer,
                Participants = (IReadOnlyList<Participant>?)participants ?? [],
                CrmRefs = (IReadOnlyList<CrmRef>?)refs ?? [],
            },
            null);
    }

    private static List<Participant>? ReadParticipants(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, "participants", "a list");
        var participants = new List<Participant>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int index = participants.Count;
            if (reader.TokenType == JsonTokenType.Null)
            {
                throw new FieldException($"{ParticipantPlace(index)} is null");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Expect(ref reader, JsonTokenType.StartObject, ParticipantPlace(index), "an object");
            }

            participants.Add(ReadParticipant(ref reader, index));
        }

        return participants;
    }

    // Places in error messages are made only when there is an error: a string per participant and per
    // field was a fifth of the parse.
    private static string ParticipantPlace(int index) => $"participants[{index}]";

    private static string? ReadParticipantString(ref Utf8JsonReader reader, int index, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString() : ReadCurrentString(ref reader, $"{ParticipantPlace(index)}.{field}");
    }

    private static Participant ReadParticipant(ref Utf8JsonReader reader, int index)
    {
        string? email = null, phone = null, name = null, role = null, affiliation = null, region = null;
        List<CrmRef>? refs = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("email"u8))
            {
                email = ReadParticipantString(ref reader, index, "email");
            }
            else if (reader.ValueTextEquals("phone"u8))
            {
                phone = ReadParticipantString(ref reader, index, "phone");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = ReadParticipantString(ref reader, index, "name");
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                role = KnownRole(ref reader) ?? ReadCurrentString(ref reader, $"{ParticipantPlace(index)}.role");
            }
            else if (reader.ValueTextEquals("affiliation"u8))
            {
                affiliation = ReadParticipantString(ref reader, index, "affiliation");
            }
            else if (reader.ValueTextEquals("region"u8))
            {
                region = ReadParticipantString(ref reader, index, "region");
            }
            else if (reader.ValueTextEquals("crmRefs"u8))
            {
                refs = ReadRefs(ref reader, $"{ParticipantPlace(index)}.crmRefs");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!TryAffiliation(affiliation, out Affiliation parsed))
        {
            throw new FieldException($"{ParticipantPlace(index)}.affiliation '{affiliation}' is not internal, external or unknown");
        }

        return new Participant
        {
            Email = email,
            Phone = phone,
            Name = name,
            Role = role,
            Affiliation = parsed,
            Region = region,
            CrmRefs = (IReadOnlyList<CrmRef>?)refs ?? [],
        };
    }

    private static List<CrmRef>? ReadRefs(ref Utf8JsonReader reader, string at)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, at, "a list");
        var refs = new List<CrmRef>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int index = refs.Count;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FieldException($"{at}[{index}] has no id");
            }

            string? type = null, id = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : ReadCurrentString(ref reader, $"{at}[{index}].type");
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : ReadCurrentString(ref reader, $"{at}[{index}].id");
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (string.IsNullOrWhiteSpace(id))
            {
                throw new FieldException($"{at}[{index}] has no id");
            }

            CrmRefType refType = type?.Trim().ToLowerInvariant() switch
            {
                "contact" => CrmRefType.Contact,
                "account" => CrmRefType.Account,
                "lead" => CrmRefType.Lead,
                "deal" or "opportunity" => CrmRefType.Deal,
                _ => throw new FieldException($"{at}[{index}].type '{type}' is not contact, account, lead or deal"),
            };
            refs.Add(new CrmRef(refType, id.Trim()));
        }

        return refs;
    }

    /// <summary>A string, or a number taken as its text (ids and phones are sometimes written as numbers).</summary>
    private static string? ReadString(ref Utf8JsonReader reader, string at)
    {
        reader.Read();
        return ReadCurrentString(ref reader, at);
    }

    private static string? ReadCurrentString(ref Utf8JsonReader reader, string at) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new FieldException($"{at} must be a string, found {RecordFields.Describe(reader.TokenType)}"),
        };

    /// <summary>The common roles as shared strings, so most participants allocate none (null for any other).</summary>
    private static string? KnownRole(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return null;
        }

        ReadOnlySpan<byte> v = reader.ValueSpan;
        return v.SequenceEqual("from"u8) ? "from"
            : v.SequenceEqual("to"u8) ? "to"
            : v.SequenceEqual("cc"u8) ? "cc"
            : v.SequenceEqual("bcc"u8) ? "bcc"
            : v.SequenceEqual("caller"u8) ? "caller"
            : v.SequenceEqual("callee"u8) ? "callee"
            : v.SequenceEqual("organizer"u8) ? "organizer"
            : v.SequenceEqual("attendee"u8) ? "attendee"
            : null;
    }

    /// <summary>The activity type when written exactly as formats.md spells it (null for anything else).</summary>
    private static ActivityType? KnownType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return null;
        }

        ReadOnlySpan<byte> v = reader.ValueSpan;
        return v.SequenceEqual("email"u8) ? ActivityType.Email
            : v.SequenceEqual("call"u8) ? ActivityType.Call
            : v.SequenceEqual("meeting"u8) ? ActivityType.Meeting
            : v.SequenceEqual("engagement"u8) ? ActivityType.Engagement
            : null;
    }

    /// <summary>
    /// The time when it is a plain string that parses, read without a string of its own (null otherwise:
    /// the caller then reads it as text, to parse or to quote in the error).
    /// </summary>
    private static DateTimeOffset? Instant(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length > 64)
        {
            return null;
        }

        ReadOnlySpan<byte> utf8 = reader.ValueSpan;
        Span<char> text = stackalloc char[64];
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] > 0x7F)
            {
                return null;
            }

            text[i] = (char)utf8[i];
        }

        return IsoTime.TryParseInstant(text[..utf8.Length], requireOffset: true, out DateTimeOffset value) ? value : null;
    }

    private static bool ReadBool(ref Utf8JsonReader reader, string at)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False or JsonTokenType.Null => false,
            _ => throw new FieldException($"{at} must be true or false, found {RecordFields.Describe(reader.TokenType)}"),
        };
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string at, string what)
    {
        if (reader.TokenType != token)
        {
            throw new FieldException($"{at} must be {what}, found {RecordFields.Describe(reader.TokenType)}");
        }
    }

    private static ActivityParse Malformed(string problem) => new(null, problem);

    private static bool TryActivityType(string? text, out ActivityType type)
    {
        type = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "call":
                type = ActivityType.Call;
                return true;
            case "email":
                type = ActivityType.Email;
                return true;
            case "meeting":
                type = ActivityType.Meeting;
                return true;
            case "engagement":
                type = ActivityType.Engagement;
                return true;
            default:
                return false;
        }
    }

    private static bool TryAffiliation(string? text, out Affiliation affiliation)
    {
        affiliation = Affiliation.Unknown;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "unknown":
                return true;
            case "internal":
                affiliation = Affiliation.Internal;
                return true;
            case "external":
                affiliation = Affiliation.External;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A field with the wrong shape or value: the message names the field.</summary>
    private sealed class FieldException(string message) : Exception(message);
}
