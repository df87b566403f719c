namespace Linkage.Formats.Sources;

/// <summary>A row or record that was skipped, and why.</summary>
public sealed record SourceProblem(SourceLocation Location, string Problem)
{
    public override string ToString() => Location.Skipped(Problem);
}
