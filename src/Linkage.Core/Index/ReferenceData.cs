using Linkage.Core.Normalisation;

namespace Linkage.Core.Index;

/// <summary>The reference lists association depends on; the bundled ones unless a caller brings its own.</summary>
public sealed record ReferenceData(PublicSuffixList PublicSuffixes, PublicEmailDomains PublicEmailDomains)
{
    public static ReferenceData Bundled { get; } = new(PublicSuffixList.Bundled, PublicEmailDomains.Bundled);
}
