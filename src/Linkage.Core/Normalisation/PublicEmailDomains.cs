namespace Linkage.Core.Normalisation;

/// <summary>Free-mail providers (gmail.com, yahoo.co.jp, …) whose domains say nothing about a company.</summary>
public sealed class PublicEmailDomains
{
    private readonly HashSet<string> _domains;

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    private PublicEmailDomains(HashSet<string> domains)
    {
        _domains = domains;
        _bySpan = domains.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The bundled list from the npm package <c>free-email-domains</c> (MIT).</summary>
    public static PublicEmailDomains Bundled { get; } = FromLines(BundledData.ReadLines("free-email-domains.txt"));

    public int Count => _domains.Count;

    public static PublicEmailDomains FromLines(IEnumerable<string> lines)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            if (DomainName.Normalise(line, dropWww: false) is { } domain)
            {
                set.Add(domain);
            }
        }

        return new PublicEmailDomains(set);
    }

    /// <summary>This list plus <paramref name="extra"/> (a workspace's own additions).</summary>
    public PublicEmailDomains With(IEnumerable<string> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var set = new HashSet<string>(_domains, StringComparer.Ordinal);
        foreach (string e in extra)
        {
            if (DomainName.Normalise(e, dropWww: false) is { } domain)
            {
                set.Add(domain);
            }
        }

        return new PublicEmailDomains(set);
    }

    public bool Contains(string domain) => _domains.Contains(domain);

    /// <summary><see cref="Contains(string)"/> for a part of a longer string (an address's host).</summary>
    public bool Contains(ReadOnlySpan<char> domain) => _bySpan.Contains(domain);
}
