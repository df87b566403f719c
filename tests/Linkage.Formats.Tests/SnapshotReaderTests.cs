using System.Text;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;

namespace Linkage.Formats.Tests;

public class SnapshotReaderTests
{
    // The example of formats.md, verbatim.
    private const string FormatsExample = """
        {
          "users":    [{"id": "U1", "emails": ["rep@ourco.com"], "phones": ["+1 650 555 0000"], "name": "Rep"}],
          "accounts": [{"id": "A1", "name": "Acme", "website": "https://www.acme.com", "domains": ["acme.io"],
                        "ownerId": "U1", "parentId": null, "modifiedAt": "2026-01-02T00:00:00Z"}],
          "contacts": [{"id": "C1", "accountId": "A1", "emails": ["jane@acme.com"], "phones": ["(415) 555-0100"],
                        "name": "Jane", "modifiedAt": "2026-01-03T00:00:00Z"}],
          "leads":    [{"id": "L1", "emails": ["tom@initech.com"], "phones": [], "company": "Initech",
                        "isConverted": false, "convertedContactId": null, "convertedAccountId": null}],
          "deals":    [{"id": "D1", "accountId": "A1", "name": "Acme expansion", "ownerId": "U1", "stage": "Proposal",
                        "isClosed": false, "isWon": false, "createdAt": "2026-01-05T00:00:00Z",
                        "closeDate": "2026-03-31", "type": "Renewal"}],
          "dealContacts": [{"dealId": "D1", "contactId": "C1", "role": "Decision Maker", "isPrimary": true}]
        }
        """;

    private static CrmSnapshot Read(string json) =>
        SnapshotReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "crm.json");

    private static InputException ReadFails(string json) => Assert.Throws<InputException>(() => Read(json));

    [Fact]
    public void Reads_the_formats_example_contact()
    {
        Contact contact = Assert.Single(Read(FormatsExample).Contacts);
        Assert.Equal(new Contact
        {
            Id = "C1",
            AccountId = "A1",
            Emails = contact.Emails,
            Phones = contact.Phones,
            Name = "Jane",
            ModifiedAt = new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero),
        }, contact);
        Assert.Equal(["jane@acme.com"], contact.Emails);
    }

    [Fact]
    public void Reads_the_formats_example_deal_with_dates()
    {
        Deal deal = Assert.Single(Read(FormatsExample).Deals);
        Assert.Equal((new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 31), "Renewal"),
            (deal.CreatedAt, deal.CloseDate, deal.Type));
    }

    [Fact]
    public void Reads_the_formats_example_contact_role()
    {
        DealContact role = Assert.Single(Read(FormatsExample).DealContacts);
        Assert.Equal(new DealContact { DealId = "D1", ContactId = "C1", Role = "Decision Maker", IsPrimary = true }, role);
    }

    [Fact]
    public void Single_email_and_phone_strings_are_accepted()
    {
        Contact contact = Assert.Single(Read("""{"contacts":[{"id":"C1","email":"a@b.com","phone":"+14155550100"}]}""").Contacts);
        Assert.Equal(("a@b.com", "+14155550100"), (string.Join(",", contact.Emails), string.Join(",", contact.Phones)));
    }

    [Fact]
    public void Missing_arrays_give_an_empty_snapshot()
    {
        CrmSnapshot snapshot = Read("{}");
        Assert.Empty(snapshot.Contacts.Cast<object>().Concat(snapshot.Accounts).Concat(snapshot.Deals).Concat(snapshot.Users));
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        Assert.Single(Read("""{"contacts":[{"id":"C1","favouriteColour":"teal"}],"extra":{"a":1}}""").Contacts);
    }

    [Fact]
    public void Unknown_fields_are_ignored_in_a_file_larger_than_one_read_buffer()
    {
        // The serializer reads a stream in blocks; a record's converter then sees a reader that is not final.
        string contacts = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"id":"C{{i}}","title":"Head of Data","tags":["a",{"b":1}]}"""));
        Assert.Equal(3000, Read($$"""{"contacts":[{{contacts}}]}""").Contacts.Count);
    }

    [Fact]
    public void A_time_without_offset_is_taken_as_utc()
    {
        Account account = Assert.Single(Read("""{"accounts":[{"id":"A1","modifiedAt":"2026-01-02T10:00:00"}]}""").Accounts);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero), account.ModifiedAt);
    }

    [Fact]
    public void A_record_without_id_names_its_place()
    {
        InputException ex = ReadFails("""{"contacts":[{"id":"C1"},{"emails":["x@y.com"]}]}""");
        Assert.Equal(("crm.json", "line 1, column 48 ($.contacts[1])", "missing id"), (ex.File, ex.Place, ex.Problem));
    }

    [Fact]
    public void A_syntax_error_names_line_and_column()
    {
        InputException ex = ReadFails("{\n  \"contacts\": [\n    {\"id\": \"C1\",}\n    {\"id\": \"C2\"}\n  ]\n}");
        Assert.StartsWith("line 4", ex.Place, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrongly_typed_field_names_its_path()
    {
        InputException ex = ReadFails("""{"deals":[{"id":"D1","isClosed":"perhaps"}]}""");
        Assert.Equal((true, "isClosed must be true or false, found a string"), (ex.Place!.EndsWith("($.deals[0].isClosed)", StringComparison.Ordinal), ex.Problem));
    }

    [Fact]
    public void A_bad_close_date_names_its_field()
    {
        InputException ex = ReadFails("""{"deals":[{"id":"D1","closeDate":"next tuesday"}]}""");
        Assert.Equal((true, "closeDate 'next tuesday' is not an ISO 8601 date"), (ex.Place!.EndsWith("($.deals[0].closeDate)", StringComparison.Ordinal), ex.Problem));
    }

    [Fact]
    public void A_null_record_names_its_place()
    {
        Assert.Equal("$.leads[0]", ReadFails("""{"leads":[null]}""").Place);
    }

    [Fact]
    public void Numeric_ids_and_phones_are_read_as_text()
    {
        Contact contact = Assert.Single(Read("""{"contacts":[{"id":42,"phones":[4155550100]}]}""").Contacts);
        Assert.Equal(("42", "4155550100"), (contact.Id, contact.Phones[0]));
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        InputException ex = Assert.Throws<InputException>(() => SnapshotReader.ReadFile("/nonexistent/crm.json"));
        Assert.Equal("file not found", ex.Problem);
    }
}
