using Linkage.Formats.Text;

namespace Linkage.Formats.Tests.Text;

public class CountriesTests
{
    [Theory]
    [InlineData("United States", "US")]
    [InlineData("USA", "US")]
    [InlineData("us", "US")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("Germany", "DE")]
    [InlineData("Deutschland", "DE")]
    [InlineData("DEU", "DE")]
    [InlineData(" France ", "FR")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("Österreich", "AT")]
    public void A_country_name_or_code_maps_to_its_alpha2_region(string country, string region) =>
        Assert.Equal(region, Countries.ToRegion(country));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Atlantis")]
    public void An_unknown_or_blank_country_gives_no_region(string? country) => Assert.Null(Countries.ToRegion(country));
}
