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
}
