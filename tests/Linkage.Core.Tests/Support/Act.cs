using Linkage.Core.Model;

namespace Linkage.Core.Tests.Support;

/// <summary>Activities for tests; the id is fixed because no rule reads it.</summary>
internal static class Act
{
    public const string Day = "2026-02-10T15:00:00Z";

    public static Activity Email(string occurredAt, params string[] addresses) =>
        With(occurredAt, [.. addresses.Select(a => new Participant { Email = a })]);

    public static Activity With(string occurredAt, params Participant[] participants) => new()
    {
        Id = "X1",
        Type = ActivityType.Email,
        OccurredAt = Time.At(occurredAt),
        Participants = participants,
    };

    public static Participant Person(string? email = null, string? phone = null, string? region = null,
        Affiliation affiliation = Affiliation.Unknown) =>
        new() { Email = email, Phone = phone, Region = region, Affiliation = affiliation };
}
