using Linkage.Formats.Salesforce;

namespace Linkage.Formats.Tests.Salesforce;

public class SalesforceIdTests
{
    [Theory]
    [InlineData("001A0000006Vm9r", "001A0000006Vm9rIAC")] // Salesforce's documented example
    [InlineData("001Dn00000AcmeA", "001Dn00000AcmeAIAR")]
    [InlineData("003Dn00000BobSm", "003Dn00000BobSmIAJ")]
    [InlineData("00QDn00000TomLd", "00QDn00000TomLdMAJ")]
    public void A_15_character_id_gains_its_checksum_suffix(string id15, string id18) =>
        Assert.Equal(id18, SalesforceId.Normalise(id15));

    [Theory]
    [InlineData("001A0000006Vm9rIAC")]
    [InlineData("001A0000006Vm9riac")]
    [InlineData(" 001A0000006Vm9rIAC ")]
    public void An_18_character_id_is_kept_with_its_suffix_in_upper_case(string id18) =>
        Assert.Equal("001A0000006Vm9rIAC", SalesforceId.Normalise(id18));

    [Fact]
    public void The_15_and_18_character_forms_of_one_record_normalise_alike() =>
        Assert.Equal(SalesforceId.Normalise("003Dn00000JaneD"), SalesforceId.Normalise("003Dn00000JaneDIAR"));

    [Theory]
    [InlineData("12345")]
    [InlineData("not-an-id-at-all")]
    [InlineData("001A0000006Vm9rXYZ")] // 18 characters whose suffix is not the checksum
    public void Anything_else_is_kept_as_written(string id) => Assert.Equal(id, SalesforceId.Normalise(id));
}
