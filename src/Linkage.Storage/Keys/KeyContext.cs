using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;

namespace Linkage.Storage.Keys;

/// <summary>
/// What key computation needs from a workspace's settings: the default phone region, the public suffixes,
/// the free-mail domains (bundled plus the workspace's own) and the company domains.
/// </summary>
internal sealed class KeyContext
{
    private readonly PublicEmailDomains _publicDomains;
    private readonly string[] _companyDomains;

    public KeyContext(LinkageSettings settings, ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reference);
        DefaultRegion = settings.DefaultPhoneRegion;
        Suffixes = reference.PublicSuffixes;
        _publicDomains = settings.PublicEmailDomains.Count == 0
            ? reference.PublicEmailDomains
            : reference.PublicEmailDomains.With(settings.PublicEmailDomains);
        _companyDomains = [.. settings.CompanyDomains.Select(d => DomainName.Normalise(d, dropWww: false)).OfType<string>()];
    }

    public string DefaultRegion { get; }

    public PublicSuffixList Suffixes { get; }

    /// <summary>
    /// True when the engine can apply domain rules to this host (spec §2: neither it nor its registrable
    /// domain is a free-mail domain), so that accounts and colleagues on it matter.
    /// </summary>
    public bool DomainRulesApply(string host, string? registrable) =>
        !_publicDomains.Contains(host) && (registrable is null || !_publicDomains.Contains(registrable));

    /// <summary>A company host's participants are internal whatever the CRM says.</summary>
    public bool IsCompanyHost(string host) => Array.Exists(_companyDomains, d => DomainName.IsSameOrSubdomain(host, d));

    public string? Phone(string? raw, string? region) =>
        PhoneNumber.TryNormalise(raw, region, DefaultRegion, out string e164) ? e164 : null;
}
