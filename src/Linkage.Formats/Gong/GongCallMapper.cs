using System.Text.Json;
using Linkage.Core.Model;
using Linkage.Formats.Salesforce;
using Linkage.Formats.Text;

namespace Linkage.Formats.Gong;

/// <summary>
/// One Gong call → a call activity: <c>metaData.id</c> is the id, <c>metaData.started</c> (else
/// <c>scheduled</c>) the time; each party a participant with its email, phone, name and affiliation; the
/// call's <c>context</c> CRM objects become the activity's references and a party's own <c>context</c> its
/// references. Salesforce ids are written in their 18-character form.
/// </summary>
internal static class GongCallMapper
{
    public static (Activity? Activity, string? Problem) Map(JsonElement call)
    {
        if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("metaData", out JsonElement meta) || meta.ValueKind != JsonValueKind.Object)
        {
            return (null, "no metaData object");
        }

        string? id = Text(meta, "id");
        if (id is null)
        {
            return (null, "metaData.id is missing");
        }

        string? when = Text(meta, "started") ?? Text(meta, "scheduled");
        if (!VendorTime.TryParseInstant(when, out DateTimeOffset occurredAt))
        {
            return (null, when is null ? $"call {id}: metaData.started is missing" : $"call {id}: metaData.started '{when}' is not a time");
        }

        var participants = new List<Participant>();
        if (call.TryGetProperty("parties", out JsonElement parties) && parties.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement party in parties.EnumerateArray())
            {
                if (party.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                participants.Add(new Participant
                {
                    Email = Text(party, "emailAddress"),
                    Phone = Text(party, "phoneNumber"),
                    Name = Text(party, "name"),
                    Affiliation = Text(party, "affiliation")?.ToUpperInvariant() switch
                    {
                        "INTERNAL" => Affiliation.Internal,
                        "EXTERNAL" => Affiliation.External,
                        _ => Affiliation.Unknown,
                    },
                    CrmRefs = Refs(party),
                });
            }
        }

        return (new Activity
        {
            Id = id,
            Type = ActivityType.Call,
            OccurredAt = occurredAt,
            Participants = participants,
            CrmRefs = Refs(call),
        }, null);
    }

    /// <summary>The CRM objects of an element's <c>context</c>: <c>[{system, objects: [{objectType, objectId}]}]</c>.</summary>
    private static List<CrmRef> Refs(JsonElement owner)
    {
        var refs = new List<CrmRef>();
        if (!owner.TryGetProperty("context", out JsonElement contexts) || contexts.ValueKind != JsonValueKind.Array)
        {
            return refs;
        }

        foreach (JsonElement context in contexts.EnumerateArray())
        {
            if (context.ValueKind != JsonValueKind.Object || !context.TryGetProperty("objects", out JsonElement objects) || objects.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            bool salesforce = string.Equals(Text(context, "system"), "Salesforce", StringComparison.OrdinalIgnoreCase);
            foreach (JsonElement o in objects.EnumerateArray())
            {
                if (o.ValueKind != JsonValueKind.Object || Text(o, "objectId") is not { } objectId || TypeOf(Text(o, "objectType")) is not { } type)
                {
                    continue;
                }

                var r = new CrmRef(type, salesforce ? SalesforceId.Normalise(objectId) : objectId);
                if (!refs.Contains(r))
                {
                    refs.Add(r);
                }
            }
        }

        return refs;
    }

    private static CrmRefType? TypeOf(string? objectType) => objectType?.ToUpperInvariant() switch
    {
        "ACCOUNT" or "COMPANY" => CrmRefType.Account,
        "CONTACT" => CrmRefType.Contact,
        "LEAD" => CrmRefType.Lead,
        "OPPORTUNITY" or "DEAL" => CrmRefType.Deal,
        _ => null,
    };

    /// <summary>A property as text (Gong writes ids as strings, but a number is accepted); null when absent or blank.</summary>
    private static string? Text(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out JsonElement v))
        {
            return null;
        }

        string? s = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
