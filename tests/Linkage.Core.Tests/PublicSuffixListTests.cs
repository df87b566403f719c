using Linkage.Core.Normalisation;

namespace Linkage.Core.Tests;

public class PublicSuffixListTests
{
    private static readonly PublicSuffixList Psl = PublicSuffixList.Bundled;

    [Theory]
    [InlineData("acme.com", "acme.com")]
    [InlineData("sales.acme.com", "acme.com")]
    [InlineData("mail.eu.acme.co.uk", "acme.co.uk")]
    [InlineData("london.globex.co.uk", "globex.co.uk")]
    [InlineData("acme.co.uk", "acme.co.uk")]
    // Exception rule !city.kawasaki.jp beats the wildcard *.kawasaki.jp.
    [InlineData("city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("www.city.kawasaki.jp", "city.kawasaki.jp")]
    // *.kawasaki.jp needs a label under kawasaki.jp, so kawasaki.jp itself falls back to the "jp" rule.
    [InlineData("kawasaki.jp", "kawasaki.jp")]
    // Wildcard rule: foo.kawasaki.jp is itself a suffix, so one more label is needed.
    [InlineData("a.foo.kawasaki.jp", "a.foo.kawasaki.jp")]
    [InlineData("b.a.foo.kawasaki.jp", "a.foo.kawasaki.jp")]
    // Private section: blogspot.com is a suffix, each blog is its own registrable domain.
    [InlineData("x.blogspot.com", "x.blogspot.com")]
    [InlineData("www.x.blogspot.com", "x.blogspot.com")]
    // Punycode rules match punycode hosts.
    [InlineData("shop.xn--bcher-kva.de", "xn--bcher-kva.de")]
    // The implicit "*" rule: an unknown top-level domain is a suffix of one label.
    [InlineData("acme.zzunknowntld", "acme.zzunknowntld")]
    [InlineData("mail.acme.zzunknowntld", "acme.zzunknowntld")]
    public void Registrable_domain_is_the_public_suffix_plus_one_label(string host, string expected) =>
        Assert.Equal(expected, Psl.RegistrableDomain(host));

    [Theory]
    [InlineData("mail.eu.acme.co.uk", "acme.co.uk")]
    [InlineData("acme.co.uk", "acme.co.uk")]
    [InlineData("www.city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("b.a.foo.kawasaki.jp", "a.foo.kawasaki.jp")]
    [InlineData("mail.acme.zzunknowntld", "acme.zzunknowntld")]
    [InlineData("co.uk", null)]
    [InlineData("foo.kawasaki.jp", null)]
    public void Registrable_start_points_where_the_registrable_domain_begins(string host, string? expected)
    {
        int start = Psl.RegistrableStart(host);
        Assert.Equal(expected, start < 0 ? null : host[start..]);
    }

    [Theory]
    [InlineData("com")]
    [InlineData("co.uk")]
    [InlineData("foo.kawasaki.jp")]
    [InlineData("blogspot.com")]
    [InlineData("zzunknowntld")]
    public void A_public_suffix_has_no_registrable_domain(string host) =>
        Assert.Null(Psl.RegistrableDomain(host));

    [Theory]
    [InlineData("mail.eu.acme.co.uk", "co.uk")]
    [InlineData("a.foo.kawasaki.jp", "foo.kawasaki.jp")]
    [InlineData("city.kawasaki.jp", "kawasaki.jp")]
    [InlineData("x.blogspot.com", "blogspot.com")]
    public void Public_suffix_is_the_longest_matching_rule(string host, string expected) =>
        Assert.Equal(expected, Psl.PublicSuffix(host));

    [Fact]
    public void Bundled_list_is_the_real_list_not_a_sample() =>
        // The real list has about ten thousand rules; a heuristic or a stub would have a handful.
        Assert.InRange(Psl.RuleCount, 8000, 50000);

    [Fact]
    public void Rules_written_in_Unicode_match_punycode_hosts()
    {
        PublicSuffixList list = PublicSuffixList.Parse(["// comment", "", "bücher.example"]);
        Assert.Equal("shop.xn--bcher-kva.example", list.RegistrableDomain("a.shop.xn--bcher-kva.example"));
    }
}
