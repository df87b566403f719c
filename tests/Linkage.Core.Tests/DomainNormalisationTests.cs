using Linkage.Core.Normalisation;

namespace Linkage.Core.Tests;

public class DomainNormalisationTests
{
    [Theory]
    [InlineData("https://www.Acme.com/about", "acme.com")]
    [InlineData("https://www.acme.com", "acme.com")]
    [InlineData("http://acme.com:8080/x/y", "acme.com")]
    [InlineData("https://www.acme.com:443", "acme.com")]
    [InlineData("acme.com/?ref=crm", "acme.com")]
    [InlineData("https://acme.com?ref=crm#top", "acme.com")]
    [InlineData("www.acme.com", "acme.com")]
    [InlineData("WWW.ACME.COM", "acme.com")]
    [InlineData("  acme.com  ", "acme.com")]
    [InlineData("acme.com.", "acme.com")]
    [InlineData("https://user:secret@www.acme.com/", "acme.com")]
    [InlineData("https://shop.acme.com/", "shop.acme.com")]
    [InlineData("https://www.bücher.de/", "xn--bcher-kva.de")]
    // "www" is only dropped as a leading label, never from a bare "www.com".
    [InlineData("www.com", "www.com")]
    public void Website_normalises_to_its_bare_host(string website, string expected) =>
        Assert.Equal(expected, DomainName.Normalise(website, dropWww: true));

    [Fact]
    public void Host_keeps_a_leading_www_when_not_asked_to_drop_it() =>
        Assert.Equal("www.acme.com", DomainName.Normalise("WWW.Acme.com", dropWww: false));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://")]
    [InlineData("acme com")]
    [InlineData("acme..com")]
    [InlineData("acme!.com")]
    public void Text_that_is_not_a_host_normalises_to_null(string input) =>
        Assert.Null(DomainName.Normalise(input, dropWww: true));

    [Theory]
    [InlineData("acme.com", "acme.com", true)]
    [InlineData("eu.acme.com", "acme.com", true)]
    [InlineData("a.b.acme.com", "acme.com", true)]
    [InlineData("notacme.com", "acme.com", false)]
    [InlineData("acme.com", "eu.acme.com", false)]
    [InlineData("acme.com.evil.io", "acme.com", false)]
    public void Subdomain_means_whole_labels(string host, string domain, bool expected) =>
        Assert.Equal(expected, DomainName.IsSameOrSubdomain(host, domain));
}
