using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;

namespace Linkage.Core.Engine;

/// <summary>Settings compiled once into the sets classification and the domain rules consult.</summary>
internal sealed class ClassificationRules
{
    private readonly string[] _companyDomains;
    private readonly string[] _spamDomains;
    private readonly HashSet<string> _spamAddresses;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _automatedLocalParts;
    private readonly PublicEmailDomains _publicDomains;
    private readonly PublicSuffixList _psl;

    public ClassificationRules(LinkageSettings settings, ReferenceData reference)
    {
        _companyDomains = Domains(settings.CompanyDomains);
        _spamDomains = Domains(settings.SpamDomains);
        _spamAddresses = new HashSet<string>(
            settings.SpamAddresses.Select(a => EmailAddress.TryParse(a, out EmailAddress e) ? e.Address : null)
                .OfType<string>(),
            StringComparer.Ordinal);
        _automatedLocalParts = new HashSet<string>(
            (settings.AutomatedLocalParts ?? LinkageSettings.DefaultAutomatedLocalParts).Select(p => p.Trim().ToLowerInvariant()),
            StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _publicDomains = settings.PublicEmailDomains.Count == 0
            ? reference.PublicEmailDomains
            : reference.PublicEmailDomains.With(settings.PublicEmailDomains);
        _psl = reference.PublicSuffixes;
    }

    public bool IsCompanyHost(string host) => MatchesAny(host, _companyDomains);

    public bool IsSpam(EmailAddress email) =>
        _spamAddresses.Contains(email.Address) ||
        (email.SubaddressFree is { } free && _spamAddresses.Contains(free)) ||
        MatchesAny(email.Host, _spamDomains);

    public bool IsAutomated(EmailAddress email) => _automatedLocalParts.Contains(email.LocalPartWithoutTagSpan);

    /// <summary>The host's registrable domain, or null when the host is itself a public suffix.</summary>
    public string? RegistrableDomain(string host) => _psl.RegistrableDomain(host);

    /// <summary>
    /// Where the host's registrable domain starts in it, or -1 when the host is itself a public suffix: the
    /// registrable domain without a string of its own.
    /// </summary>
    public int RegistrableStart(string host) => _psl.RegistrableStart(host);

    /// <summary>
    /// Domain rules apply only when neither the host nor its registrable domain (given by where it starts in
    /// the host, -1 for none) is a free-mail domain.
    /// </summary>
    public bool IsPublicEmailHost(string host, int registrableStart) =>
        _publicDomains.Contains(host) || (registrableStart > 0 && _publicDomains.Contains(host.AsSpan(registrableStart)));

    private static string[] Domains(IEnumerable<string> raw) =>
        [.. raw.Select(d => DomainName.Normalise(d, dropWww: false)).OfType<string>().Distinct(StringComparer.Ordinal)];

    private static bool MatchesAny(string host, string[] domains)
    {
        foreach (string domain in domains)
        {
            if (DomainName.IsSameOrSubdomain(host, domain))
            {
                return true;
            }
        }

        return false;
    }
}
