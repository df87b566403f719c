using System.Globalization;

namespace Linkage.Core.Normalisation;

/// <summary>
/// The Public Suffix List matcher (https://publicsuffix.org/list/): normal, wildcard and exception rules,
/// ICANN and private sections alike, with the implicit <c>*</c> rule for unknown top-level domains.
/// </summary>
public sealed class PublicSuffixList
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _rules;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _wildcards;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _exceptions;

    private PublicSuffixList(HashSet<string> rules, HashSet<string> wildcards, HashSet<string> exceptions)
    {
        _rules = rules.GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcards = wildcards.GetAlternateLookup<ReadOnlySpan<char>>();
        _exceptions = exceptions.GetAlternateLookup<ReadOnlySpan<char>>();
        RuleCount = rules.Count + wildcards.Count + exceptions.Count;
    }

    /// <summary>The list shipped with Linkage (see data/README.md for its version and refresh script).</summary>
    public static PublicSuffixList Bundled { get; } = Parse(BundledData.ReadLines("public_suffix_list.dat"));

    public int RuleCount { get; }

    /// <summary>Reads the list's text format: one rule a line, <c>//</c> comments, rules in Unicode or ASCII.</summary>
    public static PublicSuffixList Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var idn = new IdnMapping();
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var wildcards = new HashSet<string>(StringComparer.Ordinal);
        var exceptions = new HashSet<string>(StringComparer.Ordinal);
        foreach (string raw in lines)
        {
            ReadOnlySpan<char> line = raw.AsSpan().Trim();
            int space = line.IndexOfAny(' ', '\t');
            if (space >= 0)
            {
                line = line[..space];
            }

            if (line.IsEmpty || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            HashSet<string> target = rules;
            if (line.StartsWith("!", StringComparison.Ordinal))
            {
                target = exceptions;
                line = line[1..];
            }
            else if (line.StartsWith("*.", StringComparison.Ordinal))
            {
                target = wildcards;
                line = line[2..];
            }

            string rule = System.Text.Ascii.IsValid(line)
                ? line.ToString().ToLowerInvariant()
                : idn.GetAscii(line.ToString()).ToLowerInvariant();
            target.Add(rule);
        }

        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    /// <summary>The public suffix of an ASCII lower-case host: <c>co.uk</c> for <c>mail.acme.co.uk</c>.</summary>
    public string PublicSuffix(string host) => host[PublicSuffixStart(host)..];

    /// <summary>
    /// The public suffix plus one label (<c>mail.eu.acme.co.uk</c> → <c>acme.co.uk</c>), or null when the
    /// host is itself a public suffix.
    /// </summary>
    public string? RegistrableDomain(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        int start = RegistrableStart(host);
        return start switch
        {
            < 0 => null,
            0 => host,
            _ => host[start..],
        };
    }

    /// <summary>
    /// Where the registrable domain starts in <paramref name="host"/> (it is always a suffix of it), or -1
    /// when the host is itself a public suffix: <see cref="RegistrableDomain"/> without a new string.
    /// </summary>
    public int RegistrableStart(ReadOnlySpan<char> host)
    {
        int suffixStart = PublicSuffixStart(host);
        return suffixStart == 0 ? -1 : host[..(suffixStart - 1)].LastIndexOf('.') + 1;
    }

    /// <summary>True when the host is exactly a public suffix (<c>co.uk</c>, <c>blogspot.com</c>).</summary>
    public bool IsPublicSuffix(string host) => PublicSuffixStart(host) == 0;

    private int PublicSuffixStart(ReadOnlySpan<char> span)
    {
        // Walk candidate suffixes from the longest; the first rule that matches is the longest one, and an
        // exception at a given length beats a wildcard of the same length.
        int start = 0;
        while (true)
        {
            ReadOnlySpan<char> candidate = span[start..];
            int dot = candidate.IndexOf('.');
            if (_exceptions.Contains(candidate))
            {
                return start + dot + 1;
            }

            if (_rules.Contains(candidate))
            {
                return start;
            }

            if (dot < 0)
            {
                // The implicit "*" rule: an unknown top-level domain is a public suffix.
                return start;
            }

            if (_wildcards.Contains(candidate[(dot + 1)..]))
            {
                return start;
            }

            start += dot + 1;
        }
    }
}
