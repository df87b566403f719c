namespace Linkage.Core.Model;

/// <summary>One person on an activity, as the source wrote it (keys are normalised by the engine).</summary>
public sealed record Participant
{
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }
    public Affiliation Affiliation { get; init; }
    /// <summary>ISO 3166 alpha-2 hint for parsing <see cref="Phone"/>.</summary>
    public string? Region { get; init; }
    public IReadOnlyList<CrmRef> CrmRefs { get; init; } = [];
}
