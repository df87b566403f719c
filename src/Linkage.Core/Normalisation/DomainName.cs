using System.Globalization;

namespace Linkage.Core.Normalisation;

/// <summary>Normalises host names, websites and domain-list entries to lower-case ASCII.</summary>
public static class DomainName
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>
    /// <c>https://www.Acme.com:443/about?x=1</c> → <c>acme.com</c>. Scheme, user info, port, path, query,
    /// fragment and a trailing dot are dropped; a leading <c>www.</c> too when <paramref name="dropWww"/>.
    /// Returns null for something that is not a host name.
    /// </summary>
    public static string? Normalise(ReadOnlySpan<char> input, bool dropWww)
    {
        ReadOnlySpan<char> s = input.Trim();
        int scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            s = s[(scheme + 3)..];
        }

        int end = s.IndexOfAny('/', '?', '#');
        if (end >= 0)
        {
            s = s[..end];
        }

        int userInfo = s.LastIndexOf('@');
        if (userInfo >= 0 && scheme >= 0)
        {
            s = s[(userInfo + 1)..];
        }

        int port = s.LastIndexOf(':');
        if (port >= 0)
        {
            s = s[..port];
        }

        s = s.Trim();
        if (s.EndsWith('.'))
        {
            s = s[..^1];
        }

        if (s.IsEmpty || s.Length > 253)
        {
            return null;
        }

        string host;
        if (System.Text.Ascii.IsValid(s))
        {
            host = string.Create(s.Length, s, static (span, source) => source.ToLowerInvariant(span));
        }
        else
        {
            try
            {
                // Lower-case first: the IDNA mapping encodes an upper-case letter as a different label
                // (BÜCHER.de would become xn--bcher-2pa.de, not bücher.de's xn--bcher-kva.de).
                host = Idn.GetAscii(s.ToString().ToLowerInvariant()).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        if (!HasValidLabels(host))
        {
            return null;
        }

        if (dropWww && host.StartsWith("www.", StringComparison.Ordinal) && host.IndexOf('.', 4) > 0)
        {
            host = host[4..];
        }

        return host;
    }

    /// <summary>True when <paramref name="host"/> equals <paramref name="domain"/> or is a subdomain of it.</summary>
    public static bool IsSameOrSubdomain(string host, string domain) =>
        host.Length == domain.Length
            ? string.Equals(host, domain, StringComparison.Ordinal)
            : host.Length > domain.Length && host[host.Length - domain.Length - 1] == '.' &&
              host.EndsWith(domain, StringComparison.Ordinal);

    /// <summary>Labels of 1–63 letters, digits, hyphens or underscores, separated by single dots.</summary>
    internal static bool HasValidLabels(ReadOnlySpan<char> host)
    {
        int labelStart = 0;
        for (int i = 0; i <= host.Length; i++)
        {
            if (i == host.Length || host[i] == '.')
            {
                int length = i - labelStart;
                if (length is 0 or > 63)
                {
                    return false;
                }

                labelStart = i + 1;
                continue;
            }

            char c = host[i];
            // Underscores are not legal in host names but do occur in real CRM data; accept them.
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
