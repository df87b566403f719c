using Linkage.Core.Model;
using Linkage.Formats.Crm;
using Linkage.Formats.HubSpot;

namespace Linkage.Formats.Tests.HubSpot;

public class HubSpotExportReaderTests
{
    private static readonly CrmRead Export = CrmInputs.Read(Fixture.Path("hubspot"));

    private static CrmSnapshot Snapshot => Export.Snapshot;

    [Fact]
    public void The_folder_is_detected_as_hubspot_exports() => Assert.Equal(CrmFormat.HubSpot, Export.Format);

    [Fact]
    public void A_company_maps_its_domain_and_additional_domains() =>
        Assert.Equal(["acme.com", "acme.io", "acme-corp.com"], Snapshot.Accounts.Single(a => a.Id == "5001").Domains);

    [Fact]
    public void A_company_maps_name_website_owner_and_modified_time()
    {
        Account acme = Snapshot.Accounts.Single(a => a.Id == "5001");
        Assert.Equal(("Acme Corporation", "https://www.acme.com", "Riley Rep", new DateTimeOffset(2026, 1, 2, 8, 30, 0, TimeSpan.Zero)),
            (acme.Name, acme.Website, acme.OwnerId, acme.ModifiedAt));
    }

    [Fact]
    public void An_epoch_milliseconds_time_is_read() =>
        Assert.Equal(new DateTimeOffset(2026, 1, 3, 8, 0, 0, TimeSpan.Zero), Snapshot.Accounts.Single(a => a.Id == "5002").ModifiedAt);

    [Fact]
    public void A_contact_maps_email_and_additional_emails() =>
        Assert.Equal(["jane@acme.com", "jane.doe@acme.io", "jd@acme-corp.com"], Snapshot.Contacts.Single(c => c.Id == "101").Emails);

    [Fact]
    public void A_contact_maps_phone_and_mobile_phone() =>
        Assert.Equal(["(415) 555-0101", "415-555-0199"], Snapshot.Contacts.Single(c => c.Id == "101").Phones);

    [Theory]
    [InlineData("101", "5001", "US", "Jane Doe")] // Primary Associated Company ID
    [InlineData("102", "5002", "DE", "Bob Smith")] // only Associated Company IDs
    public void A_contact_maps_its_company_country_and_name(string id, string accountId, string region, string name) =>
        Assert.Equal((accountId, region, name), Snapshot.Contacts.Single(c => c.Id == id) is var c ? (c.AccountId, c.Region, c.Name) : default);

    [Theory]
    [InlineData("9001", "presentationscheduled", false, false)]
    [InlineData("9002", "closedwon", true, true)]
    [InlineData("9003", "Closed Lost", true, false)]
    public void A_deal_is_closed_and_won_as_its_stage_says(string id, string stage, bool closed, bool won) =>
        Assert.Equal((stage, closed, won), Snapshot.Deals.Single(d => d.Id == id) is var d ? (d.Stage, d.IsClosed, d.IsWon) : default);

    [Fact]
    public void A_deal_maps_company_owner_dates_and_type()
    {
        Deal deal = Snapshot.Deals.Single(d => d.Id == "9001");
        Assert.Equal(("5001", "Riley Rep", new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 31), "existingbusiness"),
            (deal.AccountId, deal.OwnerId, deal.CreatedAt, deal.CloseDate, deal.Type));
    }

    [Fact]
    public void A_close_date_in_epoch_milliseconds_is_read() =>
        Assert.Equal(new DateOnly(2026, 2, 1), Snapshot.Deals.Single(d => d.Id == "9003").CloseDate);

    [Fact]
    public void Associated_contact_ids_become_deal_contacts() =>
        Assert.Equal(["9001:101", "9001:102", "9002:101"], Snapshot.DealContacts.Select(r => $"{r.DealId}:{r.ContactId}"));

    [Fact]
    public void Each_distinct_owner_becomes_a_user_with_an_email_when_written_as_one() =>
        Assert.Equal(["Riley Rep:", "riley@ourco.com:riley@ourco.com"], Snapshot.Users.Select(u => $"{u.Id}:{string.Join(",", u.Emails)}"));

    [Fact]
    public void A_row_without_a_record_id_is_reported_and_skipped() =>
        Assert.Equal(("missing Record ID", 4L), (Export.Problems.Single().Problem, Export.Problems.Single().Location.Number));

    [Fact]
    public void A_csv_that_is_no_hubspot_export_is_reported_as_a_skipped_file()
    {
        string other = Fixture.Temp("tickets.csv", "Ticket name,Status\nBroken printer,Open\n");
        CrmRead read = HubSpotExportReader.Read([Fixture.Path("hubspot", "hubspot-crm-exports-all-deals-2026-02-10.csv"), other]);
        Assert.Equal((3, true), (read.Snapshot.Deals.Count, read.Problems.Single().Location.IsWholeFile));
    }

    [Theory]
    [InlineData("Record ID,Deal Name,Deal Stage", HubSpotObject.Deals)]
    [InlineData("Record ID,Company name,Company Domain Name", HubSpotObject.Companies)]
    [InlineData("Record ID,First Name,Last Name,Email,Company Name", HubSpotObject.Contacts)]
    [InlineData("Id,Name,Email", null)]
    public void The_object_of_an_export_is_told_by_its_headers(string headers, HubSpotObject? expected) =>
        Assert.Equal(expected, HubSpotExportReader.ObjectOf(headers.Split(',')));
}
