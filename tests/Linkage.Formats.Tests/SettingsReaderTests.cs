using System.Text;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;

namespace Linkage.Formats.Tests;

public class SettingsReaderTests
{
    private static LinkageSettings Read(string json) =>
        SettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "settings.json");

    [Fact]
    public void An_empty_document_gives_the_spec_defaults()
    {
        LinkageSettings s = Read("{}");
        Assert.Equal((14, true, true, 5, "US", (IReadOnlyList<string>?)null),
            (s.DealWindowDays, s.UseContactRoles, s.UseDealOwner, s.MaxDealsPerActivity, s.DefaultPhoneRegion, s.AutomatedLocalParts));
    }

    [Fact]
    public void The_formats_example_is_read_field_by_field()
    {
        LinkageSettings s = Read("""
            {"companyDomains": ["ourco.com"], "spamAddresses": ["offers@vendor.example"], "spamDomains": ["spammy.example"],
             "automatedLocalParts": null, "publicEmailDomains": ["my-isp.example"], "dealWindowDays": 7,
             "useContactRoles": false, "useDealOwner": false, "maxDealsPerActivity": 3, "defaultPhoneRegion": "gb"}
            """);
        Assert.Equal(("ourco.com", "spammy.example", "my-isp.example", 7, false, false, 3, "GB"),
            (string.Join(",", s.CompanyDomains), string.Join(",", s.SpamDomains), string.Join(",", s.PublicEmailDomains), s.DealWindowDays,
             s.UseContactRoles, s.UseDealOwner, s.MaxDealsPerActivity, s.DefaultPhoneRegion));
    }

    [Theory]
    [InlineData("""{"dealWindowDays": -1}""", "$.dealWindowDays")]
    [InlineData("""{"maxDealsPerActivity": -2}""", "$.maxDealsPerActivity")]
    [InlineData("""{"defaultPhoneRegion": "XX"}""", "$.defaultPhoneRegion")]
    public void Out_of_range_values_name_the_field(string json, string place)
    {
        InputException ex = Assert.Throws<InputException>(() => Read(json));
        Assert.Equal(place, ex.Place);
    }

    [Fact]
    public void A_non_number_window_names_the_field()
    {
        InputException ex = Assert.Throws<InputException>(() => Read("""{"dealWindowDays": "two weeks"}"""));
        Assert.Contains("dealWindowDays", ex.Place, StringComparison.Ordinal);
    }
}
