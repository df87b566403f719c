using CsCheck;
using Linkage.Core.Normalisation;

namespace Linkage.Core.Tests;

public class EmailNormalisationTests
{
    [Theory]
    [InlineData("jane@acme.com", "jane@acme.com")]
    [InlineData("Jane Doe <jane@acme.com>", "jane@acme.com")]
    [InlineData("\"Doe, Jane\" <jane@acme.com>", "jane@acme.com")]
    [InlineData("mailto:jane@acme.com", "jane@acme.com")]
    [InlineData("MAILTO:jane@acme.com", "jane@acme.com")]
    [InlineData("mailto:jane@acme.com?subject=Hello", "jane@acme.com")]
    [InlineData("JANE@ACME.COM", "jane@acme.com")]
    [InlineData("Jane@Acme.Com", "jane@acme.com")]
    [InlineData("  jane@acme.com  ", "jane@acme.com")]
    [InlineData("\tjane@acme.com\n", "jane@acme.com")]
    [InlineData("Jane Doe < jane@acme.com >", "jane@acme.com")]
    [InlineData("jane@acme.com.", "jane@acme.com")]
    [InlineData("jane@bücher.de", "jane@xn--bcher-kva.de")]
    [InlineData("jane@BÜCHER.de", "jane@xn--bcher-kva.de")]
    [InlineData("jane@xn--bcher-kva.de", "jane@xn--bcher-kva.de")]
    [InlineData("jane+deals@acme.com", "jane+deals@acme.com")]
    [InlineData("jane.doe@mail.eu.acme.co.uk", "jane.doe@mail.eu.acme.co.uk")]
    public void Accepted_forms_normalise_to_the_bare_lower_case_address(string input, string expected)
    {
        Assert.True(EmailAddress.TryParse(input, out EmailAddress email));
        Assert.Equal(expected, email.Address);
    }

    [Theory]
    [InlineData("Jane Doe <Jane+Deals@Acme.Com>", "jane+deals@acme.com", 10)]
    [InlineData("mailto:jane@bücher.de", "jane@xn--bcher-kva.de", 4)]
    [InlineData("janeacme.com", null, -1)]
    public void Normalising_alone_gives_the_parsed_address_and_its_at(string input, string? address, int at)
    {
        bool parsed = EmailAddress.TryNormalise(input, out string normalised, out int atIndex);
        Assert.Equal((address, at), parsed ? (normalised, atIndex) : (null, atIndex));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("janeacme.com")]
    [InlineData("jane")]
    [InlineData("@acme.com")]
    [InlineData("jane@")]
    [InlineData("a@b")]
    [InlineData("jane@localhost")]
    [InlineData("jane doe@acme.com")]
    [InlineData("jane  doe@acme.com")]
    [InlineData("jane@acme.com bob@acme.com")]
    [InlineData("jane@acme .com")]
    [InlineData("jane@acme..com")]
    [InlineData("jane@.acme.com")]
    [InlineData("jane@-")]
    [InlineData("jane@@acme.com")]
    [InlineData("jane@acme@acme.com")]
    [InlineData("Jane <jane@acme.com")]
    [InlineData("\"jane\"@acme.com")]
    [InlineData("mailto:")]
    [InlineData("jane@acme!.com")]
    [InlineData("jane@ acme.com")]
    [InlineData("jane@acme.com:25")]
    [InlineData("jane@acme.com/inbox")]
    [InlineData("jane@https://acme.com")]
    public void Text_that_is_not_an_address_is_invalid(string? input) =>
        Assert.False(EmailAddress.TryParse(input, out _));

    [Theory]
    [InlineData('\0')]
    [InlineData('\u001f')]
    [InlineData(' ')]
    [InlineData('\u007f')]
    [InlineData('<')]
    [InlineData('>')]
    [InlineData('(')]
    [InlineData(')')]
    [InlineData('[')]
    [InlineData(']')]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData(':')]
    [InlineData('\\')]
    [InlineData('"')]
    public void Local_part_with_a_control_or_special_character_is_invalid(char c) =>
        Assert.False(EmailAddress.TryParse($"ja{c}ne@acme.com", out _));

    [Theory]
    [InlineData("o'brien@acme.com")]
    [InlineData("a!#$%&*=?^_`{|}~-/x@acme.com")]
    [InlineData("j\u00e9r\u00f4me@acme.com")]
    public void Local_part_with_other_printable_characters_is_valid(string input) =>
        Assert.True(EmailAddress.TryParse(input, out _));

    [Fact]
    public void Domain_with_white_space_or_a_url_part_is_invalid_whatever_its_script()
    {
        // Every character char.IsWhiteSpace accepts, in ASCII and beyond, and those that start a port, path,
        // query or fragment: the ASCII scan and the general one must refuse the same.
        char[] refused = [.. Enumerable.Range(0, 0x3000).Select(c => (char)c).Where(char.IsWhiteSpace), ':', '/', '?', '#'];
        Assert.All(refused, c =>
        {
            Assert.False(EmailAddress.TryParse($"jane@ac{c}me.com", out _), $"U+{(int)c:X4} in an ASCII domain");
            Assert.False(EmailAddress.TryParse($"jane@b\u00fc{c}cher.de", out _), $"U+{(int)c:X4} in an IDN domain");
        });
    }

    [Fact]
    public void Host_is_the_part_after_the_at_sign()
    {
        Assert.True(EmailAddress.TryParse("Zed <ZED@Sales.Acme.com>", out EmailAddress email));
        Assert.Equal("sales.acme.com", email.Host);
    }

    [Theory]
    [InlineData("jane+deals@acme.com", "jane@acme.com")]
    [InlineData("Jane+Deals@ACME.com", "jane@acme.com")]
    [InlineData("jane+a+b@acme.com", "jane@acme.com")]
    public void Sub_address_free_form_drops_the_tag(string input, string expected)
    {
        Assert.True(EmailAddress.TryParse(input, out EmailAddress email));
        Assert.Equal(expected, email.SubaddressFree);
    }

    [Theory]
    [InlineData("jane@acme.com")]
    // A leading "+" is the whole local part, not a tag on an empty one.
    [InlineData("+deals@acme.com")]
    public void Address_without_a_tag_has_no_sub_address_free_form(string input)
    {
        Assert.True(EmailAddress.TryParse(input, out EmailAddress email));
        Assert.Null(email.SubaddressFree);
    }

    [Fact]
    public void An_address_already_normalised_is_kept_as_the_same_string()
    {
        string input = string.Concat("jane.doe+", "deals@mail.acme.co.uk");
        Assert.True(EmailAddress.TryNormalise(input, out string address, out _));
        Assert.Same(input, address);
    }

    [Fact]
    public void Normalising_agrees_with_the_host_normaliser_on_the_domain() =>
        Gen.Select(
            Gen.OneOf("", " ", "Jane <", "mailto:"),
            Gen.OneOf("jane", "Jane.Doe", "j+x", "é", ""),
            Gen.OneOf(Gen.OneOf("acme.com", "ACME.com", "acme.com.", "acme.com..", ".acme.com", "a..b", "acme", "a_b.co",
                "-a.com", "a-.com", "bücher.de", "BÜCHER.DE", "x.y.z.co.uk", new string('a', 64) + ".com", new string('a', 63) + ".com",
                string.Join('.', Enumerable.Repeat("abcdefghi", 26)), "a!b.com", "a b.com", "."),
                Gen.String[Gen.Char["abAB.-_é!"], 0, 12]),
            Gen.OneOf("", ">", " "),
            (prefix, local, domain, suffix) => prefix + local + "@" + domain + suffix)
        .Sample(input =>
        {
            bool parsed = EmailAddress.TryNormalise(input, out string address, out int at);
            Assert.Equal(Reference(input), parsed ? (address, at) : null);
        }, iter: 5000);

    /// <summary>
    /// The address as the parser made it before it normalised ASCII domains itself: local part lower-cased,
    /// domain through the host normaliser. What the parser must still give.
    /// </summary>
    private static (string Address, int At)? Reference(string input)
    {
        ReadOnlySpan<char> s = input.AsSpan().Trim();
        int open = s.LastIndexOf('<');
        if (open >= 0)
        {
            int close = s[open..].IndexOf('>');
            if (close < 0)
            {
                return null;
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
            return null;
        }

        ReadOnlySpan<char> local = s[..sep];
        ReadOnlySpan<char> domain = s[(sep + 1)..];
        foreach (char c in local)
        {
            if (c <= ' ' || c == 0x7f || "<>()[],;:\\\"@".Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
        }

        foreach (char c in domain)
        {
            if (char.IsWhiteSpace(c) || c is ':' or '/' or '?' or '#')
            {
                return null;
            }
        }

        string? host = DomainName.Normalise(domain, dropWww: false);
        return host is null || !host.Contains('.', StringComparison.Ordinal)
            ? null
            : (local.ToString().ToLowerInvariant() + "@" + host, local.Length);
    }
}
