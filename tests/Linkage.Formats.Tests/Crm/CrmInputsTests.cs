using Linkage.Formats.Crm;

namespace Linkage.Formats.Tests.Crm;

public class CrmInputsTests
{
    [Theory]
    [InlineData("salesforce", CrmFormat.Salesforce)]
    [InlineData("salesforce-latin1", CrmFormat.Salesforce)]
    [InlineData("hubspot", CrmFormat.HubSpot)]
    public void A_folder_is_detected_by_file_names_and_headers(string folder, CrmFormat expected) =>
        Assert.Equal(expected, CrmInputs.Read(Fixture.Path(folder)).Format);

    [Fact]
    public void A_single_salesforce_file_is_read_on_its_own() =>
        Assert.Equal(2, CrmInputs.Read(Fixture.Path("salesforce", "Lead.csv")).Snapshot.Leads.Count);

    [Fact]
    public void A_single_hubspot_file_is_read_on_its_own() =>
        Assert.Equal(3, CrmInputs.Read(Fixture.Path("hubspot", "hubspot-crm-exports-all-deals-2026-02-10.csv")).Snapshot.Deals.Count);

    [Fact]
    public void A_json_file_is_the_canonical_snapshot()
    {
        string path = Fixture.Temp("crm.json", """{"contacts":[{"id":"C1","emails":["jane@acme.com"]}]}""");
        Assert.Equal((CrmFormat.Canonical, "C1"), CrmInputs.Read(path) is var r ? (r.Format, r.Snapshot.Contacts[0].Id) : default);
    }

    [Fact]
    public void A_forced_format_is_used_whatever_the_name()
    {
        string path = Fixture.Temp("crm.export", """{"accounts":[{"id":"A1"}]}""");
        Assert.Equal("A1", CrmInputs.Read(path, CrmFormat.Canonical).Snapshot.Accounts[0].Id);
    }

    [Fact]
    public void A_folder_without_any_export_is_an_input_error()
    {
        string path = Fixture.Temp("notes.csv", "a,b\n1,2\n");
        Assert.StartsWith("no CRM export recognised", Assert.Throws<InputException>(() => CrmInputs.Read(Path.GetDirectoryName(path)!)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_an_input_error() =>
        Assert.Throws<InputException>(() => CrmInputs.Read("/nowhere/crm"));
}
