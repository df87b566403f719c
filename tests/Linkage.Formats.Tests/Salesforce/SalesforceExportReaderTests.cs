using Linkage.Core.Model;
using Linkage.Formats.Crm;
using Linkage.Formats.Salesforce;

namespace Linkage.Formats.Tests.Salesforce;

public class SalesforceExportReaderTests
{
    private static readonly CrmRead Export = CrmInputs.Read(Fixture.Path("salesforce"));

    private static CrmSnapshot Snapshot => Export.Snapshot;

    [Fact]
    public void The_folder_is_detected_as_a_salesforce_export() => Assert.Equal(CrmFormat.Salesforce, Export.Format);

    [Fact]
    public void Every_object_file_is_read() =>
        Assert.Equal((1, 2, 3, 2, 2, 1), (Snapshot.Users.Count, Snapshot.Accounts.Count, Snapshot.Contacts.Count, Snapshot.Leads.Count, Snapshot.Deals.Count, Snapshot.DealContacts.Count));

    [Fact]
    public void An_account_maps_name_website_owner_and_modified_time()
    {
        Account acme = Snapshot.Accounts.Single(a => a.Id == "001Dn00000AcmeAIAR");
        Assert.Equal(("Acme Corporation", "https://www.acme.com", "005Dn00000RepOnIAJ", new DateTimeOffset(2026, 1, 2, 8, 30, 0, TimeSpan.Zero)),
            (acme.Name, acme.Website, acme.OwnerId, acme.ModifiedAt));
    }

    [Fact]
    public void A_15_character_parent_reference_joins_the_18_character_account_id() =>
        Assert.Equal("001Dn00000AcmeAIAR", Snapshot.Accounts.Single(a => a.Name == "Globex GmbH").ParentId);

    [Fact]
    public void Deleted_records_of_an_export_all_are_left_out() =>
        Assert.DoesNotContain(Snapshot.Accounts, a => a.Name == "Deleted Co");

    [Fact]
    public void A_contact_maps_account_emails_phones_name_and_country()
    {
        Contact jane = Snapshot.Contacts.Single(c => c.Id == "003Dn00000JaneDIAR");
        Assert.Equal(("001Dn00000AcmeAIAR", "jane@acme.com", "(415) 555-0101,415-555-0199", "Jane Doe", "US"),
            (jane.AccountId, string.Join(",", jane.Emails), string.Join(",", jane.Phones), jane.Name, jane.Region));
    }

    [Fact]
    public void Mobile_and_other_phones_are_all_kept() =>
        Assert.Equal(["030 1234568", "+49 30 1234569"], Snapshot.Contacts.Single(c => c.Name == "Bob Smith").Phones);

    [Theory]
    [InlineData("Jane Doe", "US")]    // MailingCountry "United States"
    [InlineData("Hans Müller", "DE")] // MailingCountry "Deutschland"
    [InlineData("Bob Smith", "DE")]   // no MailingCountry: his account is billed in Germany
    public void A_contact_region_comes_from_its_country_or_its_account(string name, string region) =>
        Assert.Equal(region, Snapshot.Contacts.Single(c => c.Name == name).Region);

    [Fact]
    public void A_us_style_modified_time_is_read() =>
        Assert.Equal(new DateTimeOffset(2026, 1, 4, 9, 15, 0, TimeSpan.Zero), Snapshot.Contacts.Single(c => c.Name == "Bob Smith").ModifiedAt);

    [Fact]
    public void A_converted_lead_points_at_the_18_character_contact_and_account()
    {
        Lead converted = Snapshot.Leads.Single(l => l.IsConverted);
        Assert.Equal(("003Dn00000JaneDIAR", "001Dn00000AcmeAIAR"), (converted.ConvertedContactId, converted.ConvertedAccountId));
    }

    [Fact]
    public void A_lead_maps_company_and_country_code() =>
        Assert.Equal(("Initech", "US", "tom@initech.com"), Snapshot.Leads.Single(l => l.Id == "00QDn00000TomLdMAJ") is var l ? (l.Company, l.Region, l.Emails[0]) : default);

    [Fact]
    public void An_opportunity_maps_stage_flags_dates_and_type()
    {
        Deal expansion = Snapshot.Deals.Single(d => d.Id == "006Dn00000ExpAnIAJ");
        Assert.Equal(("Proposal/Price Quote", false, false, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 31), "Existing Customer - Upgrade"),
            (expansion.Stage, expansion.IsClosed, expansion.IsWon, expansion.CreatedAt, expansion.CloseDate, expansion.Type));
    }

    [Fact]
    public void A_won_opportunity_is_closed_and_won() =>
        Assert.Equal((true, true), Snapshot.Deals.Single(d => d.Name == "Acme renewal 2025") is var d ? (d.IsClosed, d.IsWon) : default);

    [Fact]
    public void A_contact_role_joins_deal_and_contact_by_their_18_character_ids() =>
        Assert.Equal(new DealContact { DealId = "006Dn00000ExpAnIAJ", ContactId = "003Dn00000JaneDIAR", Role = "Decision Maker", IsPrimary = true }, Snapshot.DealContacts.Single());

    [Fact]
    public void A_user_file_with_a_byte_order_mark_is_read() =>
        Assert.Equal(("005Dn00000RepOnIAJ", "riley@ourco.com", "US"), (Snapshot.Users[0].Id, Snapshot.Users[0].Emails[0], Snapshot.Users[0].Region));

    [Fact]
    public void A_quoted_newline_stays_inside_its_field_and_rows_keep_their_line_numbers() =>
        Assert.Contains(Export.Problems, p => p.Location.Number == 6 && p.Problem == "missing Id");

    [Fact]
    public void Bad_rows_are_reported_with_file_line_and_reason() =>
        Assert.Equal(["contacts.CSV: line 6: missing Id", "contacts.CSV: line 7: LastModifiedDate 'not a date' is not a date and time"],
            Export.Problems.Select(p => $"{System.IO.Path.GetFileName(p.Location.File)}: line {p.Location.Number}: {p.Problem}"));

    [Fact]
    public void A_windows_1252_export_reads_its_accented_names()
    {
        CrmRead latin = CrmInputs.Read(Fixture.Path("salesforce-latin1"));
        Assert.Equal(["Société Générale", "Müller & Söhne “GmbH”"], latin.Snapshot.Accounts.Select(a => a.Name));
    }

    [Fact]
    public void Missing_optional_files_leave_their_sections_empty()
    {
        CrmRead latin = CrmInputs.Read(Fixture.Path("salesforce-latin1"));
        Assert.Equal((0, 0, 0), (latin.Snapshot.Contacts.Count, latin.Snapshot.Deals.Count, latin.Snapshot.Users.Count));
    }

    [Fact]
    public void A_file_without_an_id_column_is_a_missing_header_error()
    {
        string path = Fixture.Temp("Contact.csv", "Name,Email\nJane,jane@acme.com\n");
        InputException ex = Assert.Throws<InputException>(() => SalesforceExportReader.Read([path]));
        Assert.Equal(("line 1", true), (ex.Place, ex.Problem.StartsWith("missing header 'Id'", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Account.csv", "Account")]
    [InlineData("accounts.csv", "Account")]
    [InlineData("OPPORTUNITIES.CSV", "Opportunity")]
    [InlineData("OpportunityContactRole.csv", "OpportunityContactRole")]
    [InlineData("Users.csv", "User")]
    [InlineData("extract.csv", null)]
    public void An_export_file_is_known_by_its_object_name_in_any_case(string file, string? expected) =>
        Assert.Equal(expected, SalesforceExportReader.ObjectOf(file));
}
