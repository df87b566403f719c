namespace Linkage.Core.Normalisation;

/// <summary>
/// A normalised email address: trimmed, lower-cased, domain in ASCII (punycode) without a trailing dot.
/// </summary>
public sealed record EmailAddress
{
    private EmailAddress(string address, int atIndex, string? subaddressFree)
    {
        Address = address;
        AtIndex = atIndex;
        // Stored, not computed: every classification and domain rule reads the host.
        Host = address[(atIndex + 1)..];
        SubaddressFree = subaddressFree;
    }

    /// <summary>The whole normalised address, <c>jane+deals@acme.com</c>.</summary>
    public string Address { get; }

    private int AtIndex { get; }

    /// <summary>The part after <c>@</c>.</summary>
    public string Host { get; }

    public string LocalPart => Address[..AtIndex];

    /// <summary>The local part without a <c>+tag</c>: what machine-sender names are compared with.</summary>
    public string LocalPartWithoutTag => LocalPartWithoutTagSpan.ToString();

    /// <summary><see cref="LocalPartWithoutTag"/> without allocating.</summary>
    public ReadOnlySpan<char> LocalPartWithoutTagSpan
    {
        get
        {
            int plus = Address.IndexOf('+', 0, AtIndex);
            return Address.AsSpan(0, plus > 0 ? plus : AtIndex);
        }
    }

    /// <summary><c>jane@acme.com</c> for <c>jane+deals@acme.com</c>; null when there is no sub-address.</summary>
    public string? SubaddressFree { get; }

    public override string ToString() => Address;

    // Controls, space, DEL and the specials an unquoted local part cannot hold: one vectorised scan of the
    // local part instead of a search of the specials for each of its characters.
    private static readonly System.Buffers.SearchValues<char> ForbiddenInLocalPart = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x21).Select(c => (char)c)) + "\u007f<>()[],;:\\\"@");

    // What char.IsWhiteSpace accepts below 0x80, and the characters that start a port, path, query or fragment.
    private static readonly System.Buffers.SearchValues<char> ForbiddenInAsciiDomain = System.Buffers.SearchValues.Create("\t\n\u000b\f\r :/?#");

    private static bool HasWhiteSpaceOrUrlPart(ReadOnlySpan<char> domain)
    {
        foreach (char c in domain)
        {
            if (char.IsWhiteSpace(c) || c is ':' or '/' or '?' or '#')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Accepts <c>jane@acme.com</c>, <c>Jane Doe &lt;jane@acme.com&gt;</c> and <c>mailto:jane@acme.com</c>.
    /// </summary>
    public static bool TryParse(string? input, out EmailAddress email)
    {
        email = null!;
        if (!TryNormalise(input, out string address, out int at))
        {
            return false;
        }

        int plus = address.IndexOf('+', 0, at);
        string? subaddressFree = plus > 0 ? string.Concat(address.AsSpan(0, plus), address.AsSpan(at)) : null;
        email = new EmailAddress(address, at, subaddressFree);
        return true;
    }

    /// <summary>
    /// <see cref="TryParse"/>'s normalised address alone, with where its <c>@</c> is: one string, for the
    /// index build, which normalises every CRM address once and needs nothing else.
    /// </summary>
    public static bool TryNormalise(string? input, out string address, out int at)
    {
        address = string.Empty;
        at = -1;
        if (input is null)
        {
            return false;
        }

        ReadOnlySpan<char> s = input.AsSpan().Trim();
        int open = s.LastIndexOf('<');
        if (open >= 0)
        {
            int close = s[open..].IndexOf('>');
            if (close < 0)
            {
                return false;
            }

            s = s.Slice(open + 1, close - 1).Trim();
        }

        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[7..];
            int query = s.IndexOf('?');
            if (query >= 0)
            {
                s = s[..query];
            }

            s = s.Trim();
        }

        int sep = s.LastIndexOf('@');
        if (sep <= 0 || sep == s.Length - 1)
        {
            return false;
        }

        ReadOnlySpan<char> local = s[..sep];
        if (local.ContainsAny(ForbiddenInLocalPart))
        {
            return false;
        }

        // The host normaliser is lenient with websites (scheme, port, path); an address's domain is a bare
        // host, so "jane@acme.com:25" or "jane@ acme.com" does not parse.
        ReadOnlySpan<char> domain = s[(sep + 1)..];
        bool asciiDomain = System.Text.Ascii.IsValid(domain);
        if (asciiDomain ? domain.ContainsAny(ForbiddenInAsciiDomain) : HasWhiteSpaceOrUrlPart(domain))
        {
            return false;
        }

        // An ASCII domain is normalised here, straight into the address's buffer (what DomainName.Normalise
        // does to a bare host: drop one trailing dot, lower-case, check the labels); others go through IDNA.
        string? host = null;
        if (asciiDomain)
        {
            if (domain.EndsWith('.'))
            {
                domain = domain[..^1];
            }

            if (domain.IsEmpty || domain.Length > 253 || !domain.Contains('.'))
            {
                return false;
            }
        }
        else
        {
            host = DomainName.Normalise(domain, dropWww: false);
            if (host is null || !host.Contains('.', StringComparison.Ordinal))
            {
                return false;
            }
        }

        // One allocation for the address at most: lower-case the local part straight into the buffer.
        int hostLength = host?.Length ?? domain.Length;
        int length = local.Length + 1 + hostLength;
        Span<char> buffer = length <= 512 ? stackalloc char[length] : new char[length];
        local.ToLowerInvariant(buffer);
        buffer[local.Length] = '@';
        Span<char> hostPart = buffer[(local.Length + 1)..];
        if (host is null)
        {
            domain.ToLowerInvariant(hostPart);
            if (!DomainName.HasValidLabels(hostPart))
            {
                return false;
            }
        }
        else
        {
            host.CopyTo(hostPart);
        }

        at = local.Length;
        // Most addresses in a CRM are already normalised: the input itself is then the address.
        address = buffer.SequenceEqual(input) ? input : new string(buffer);
        return true;
    }
}
