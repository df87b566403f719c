using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

public class PhoneNormalisationTests
{
    [Theory]
    [InlineData("(415) 555-0100", null, "US", "+14155550100")]
    [InlineData("415-555-0100", null, "US", "+14155550100")]
    [InlineData("415.555.0100", null, "US", "+14155550100")]
    [InlineData("+1 415 555 0100", null, "US", "+14155550100")]
    [InlineData("1 (415) 555-0100", null, "US", "+14155550100")]
    [InlineData("tel:+1-415-555-0100", null, "US", "+14155550100")]
    [InlineData("+44 20 7946 0958", null, "US", "+442079460958")]
    // A number with a country code ignores the region hint.
    [InlineData("+44 20 7946 0958", "FR", "US", "+442079460958")]
    [InlineData("020 7946 0958", "GB", "US", "+442079460958")]
    [InlineData("020 7946 0958", "gb", "US", "+442079460958")]
    [InlineData("020 7946 0958", null, "GB", "+442079460958")]
    [InlineData("01 42 68 53 00", "FR", "US", "+33142685300")]
    public void Number_normalises_to_E164(string input, string? region, string defaultRegion, string expected)
    {
        Assert.True(PhoneNumber.TryNormalise(input, region, defaultRegion, out string e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("(415) 555-0100 x123")]
    [InlineData("415-555-0100 ext. 123")]
    [InlineData("+1 415 555 0100;ext=123")]
    public void Extension_is_ignored(string input)
    {
        Assert.True(PhoneNumber.TryNormalise(input, null, "US", out string e164));
        Assert.Equal("+14155550100", e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12")]
    [InlineData("+1 12")]
    [InlineData("call me")]
    [InlineData("+999 1234 5678")]
    public void Text_that_is_not_a_possible_number_is_invalid(string? input) =>
        Assert.False(PhoneNumber.TryNormalise(input, null, "US", out _));

    [Fact]
    public void Participant_region_hint_decides_how_a_national_number_matches()
    {
        Crm crm = new Crm().Contact("C1", phone: "+44 20 7946 0958", accountId: "A1").Account("A1");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person(phone: "020 7946 0958", region: "GB")));
        Assert.Equal(["C1"], result.Contacts);
    }

    [Fact]
    public void Default_phone_region_setting_decides_when_no_hint_is_given()
    {
        Crm crm = new Crm().Contact("C1", phone: "+44 20 7946 0958", accountId: "A1").Account("A1");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person(phone: "020 7946 0958")),
            new LinkageSettings { DefaultPhoneRegion = "GB" });
        Assert.Equal(["C1"], result.Contacts);
    }

    [Fact]
    public void Record_region_hint_decides_how_a_record_number_is_read()
    {
        Crm crm = new Crm().Contact("C1", phone: "020 7946 0958", region: "GB", accountId: "A1").Account("A1");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person(phone: "+44 20 7946 0958")));
        Assert.Equal(["C1"], result.Contacts);
    }

    [Fact]
    public void Extension_does_not_stop_a_match()
    {
        Crm crm = new Crm().Contact("C1", phone: "(415) 555-0100", accountId: "A1").Account("A1");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person(phone: "+1 415 555 0100 x123")));
        Assert.Equal(["C1"], result.Contacts);
    }

    [Fact]
    public void Participant_phone_is_reported_in_E164()
    {
        AssociationResult result = new Crm().Associate(Act.With(Act.Day, Act.Person(phone: "(415) 555-0100")));
        Assert.Equal("+14155550100", result.Participants[0].Phone);
    }

    [Fact]
    public void A_number_already_in_E164_is_kept_as_the_same_string()
    {
        string input = string.Concat("+4420", "79460958");
        Assert.True(PhoneNumber.TryNormalise(input, null, "US", out string e164));
        Assert.Same(input, e164);
    }
}
