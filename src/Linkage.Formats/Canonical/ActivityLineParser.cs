using System.Text.Json;
using Linkage.Core.Model;

namespace Linkage.Formats.Canonical;

/// <summary>The outcome of parsing one line of an activities file: an activity, or why the line is malformed.</summary>
public readonly record struct ActivityParse(Activity? Activity, string? Problem)
{
    public bool IsMalformed => Activity is null;
}

/// <summary>Parses one canonical activity (a JSON Lines line) and checks what formats.md requires of it.</summary>
public static class ActivityLineParser
{
    public static ActivityParse Parse(ReadOnlySpan<byte> utf8Line)
    {
        ActivityDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8Line, CanonicalJsonContext.Default.ActivityDto);
        }
        catch (JsonException ex)
        {
            (string place, string problem) = JsonErrors.Describe(ex);
            return Malformed(place == "start" ? problem : $"{problem} at {place.Replace("line 1, ", "", StringComparison.Ordinal)}");
        }

        return dto is null ? Malformed("null where an activity object was expected") : Map(dto);
    }

    public static ActivityParse Parse(string line) => Parse(System.Text.Encoding.UTF8.GetBytes(line));

    private static ActivityParse Map(ActivityDto dto)
    {
        if (string.IsNullOrWhiteSpace(dto.Id))
        {
            return Malformed("missing id");
        }

        if (!TryActivityType(dto.Type, out ActivityType type))
        {
            return Malformed(dto.Type is null
                ? "missing type (call, email, meeting or engagement)"
                : $"type '{dto.Type}' is not call, email, meeting or engagement");
        }

        if (!IsoTime.TryParseInstant(dto.OccurredAt, requireOffset: true, out DateTimeOffset occurredAt))
        {
            return Malformed(dto.OccurredAt is null
                ? "missing occurredAt"
                : $"occurredAt '{dto.OccurredAt}' is not an ISO 8601 time with an offset");
        }

        if (!TryRefs(dto.CrmRefs, "crmRefs", out List<CrmRef> refs, out string? refProblem))
        {
            return Malformed(refProblem!);
        }

        var participants = new List<Participant>(dto.Participants?.Count ?? 0);
        for (int i = 0; i < (dto.Participants?.Count ?? 0); i++)
        {
            ParticipantDto? p = dto.Participants![i];
            if (p is null)
            {
                return Malformed($"participants[{i}] is null");
            }

            if (!TryAffiliation(p.Affiliation, out Affiliation affiliation))
            {
                return Malformed($"participants[{i}].affiliation '{p.Affiliation}' is not internal, external or unknown");
            }

            if (!TryRefs(p.CrmRefs, $"participants[{i}].crmRefs", out List<CrmRef> participantRefs, out string? problem))
            {
                return Malformed(problem!);
            }

            participants.Add(new Participant
            {
                Email = p.Email,
                Phone = p.Phone,
                Name = p.Name,
                Role = p.Role,
                Affiliation = affiliation,
                Region = p.Region,
                CrmRefs = participantRefs,
            });
        }

        return new ActivityParse(
            new Activity
            {
                Id = dto.Id.Trim(),
                Type = type,
                OccurredAt = occurredAt,
                Dialer = dto.Dialer ?? false,
                Participants = participants,
                CrmRefs = refs,
            },
            null);
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

    private static bool TryRefs(List<CrmRefDto?>? dtos, string at, out List<CrmRef> refs, out string? problem)
    {
        refs = new List<CrmRef>(dtos?.Count ?? 0);
        problem = null;
        for (int i = 0; i < (dtos?.Count ?? 0); i++)
        {
            CrmRefDto? r = dtos![i];
            if (r is null || string.IsNullOrWhiteSpace(r.Id))
            {
                problem = $"{at}[{i}] has no id";
                return false;
            }

            CrmRefType? type = r.Type?.Trim().ToLowerInvariant() switch
            {
                "contact" => CrmRefType.Contact,
                "account" => CrmRefType.Account,
                "lead" => CrmRefType.Lead,
                "deal" or "opportunity" => CrmRefType.Deal,
                _ => null,
            };
            if (type is null)
            {
                problem = $"{at}[{i}].type '{r.Type}' is not contact, account, lead or deal";
                return false;
            }

            refs.Add(new CrmRef(type.Value, r.Id.Trim()));
        }

        return true;
    }
}
