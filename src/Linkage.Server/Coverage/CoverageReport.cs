namespace Linkage.Server.Coverage;

/// <summary>
/// How much of a workspace's activity is associated, by the rule that associated it, per period; and the
/// CRM gaps worth fixing: the external domains and phone numbers nobody matched, by activity count.
/// </summary>
public sealed record CoverageReport(
    string Bucket,
    long Activities,
    long Associated,
    IReadOnlyList<string> Rules,
    IReadOnlyList<CoveragePeriod> Periods,
    IReadOnlyList<GapCount> UnmatchedDomains,
    IReadOnlyList<GapCount> UnmatchedPhones);

/// <summary>One period: its activities, and how many each rule decided (see <see cref="CoverageBuilder.RuleOf"/>).</summary>
public sealed record CoveragePeriod(string Period, long Activities, IReadOnlyDictionary<string, long> ByRule);

public sealed record GapCount(string Value, long Activities);
