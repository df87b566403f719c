using System.Text;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;

namespace Linkage.Formats.Tests;

/// <summary>
/// The snapshot reader avoids temporaries (a list per record field, a string per time); what it reads must
/// not change, whatever the text (escapes, padding, length, several values).
/// </summary>
public class SnapshotReaderTemporariesTests
{
    private static CrmSnapshot Read(string json) =>
        SnapshotReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "crm.json");

    [Fact]
    public void Lists_keep_every_value_in_order()
    {
        CrmSnapshot s = Read("""
            {"contacts":[{"id":"C1","email":"a@x.com","emails":["b@x.com",null,"c@x.com"],"phones":[],"phone":null},
                         {"id":"C2","emails":"d@x.com","phones":["1","2"]}],
             "accounts":[{"id":"A1","domains":["x.com","y.com","z.com"]}]}
            """);
        Assert.Equal(["a@x.com", "b@x.com", "c@x.com"], s.Contacts[0].Emails);
        Assert.Empty(s.Contacts[0].Phones);
        Assert.Equal(["d@x.com"], s.Contacts[1].Emails);
        Assert.Equal(["1", "2"], s.Contacts[1].Phones);
        Assert.Equal(["x.com", "y.com", "z.com"], s.Accounts[0].Domains);
    }

    [Theory]
    [InlineData("2026-01-02T10:00:00+01:00", "2026-01-02T10:00:00.0000000+01:00")]
    [InlineData("  2026-01-02T10:00:00Z ", "2026-01-02T10:00:00.0000000+00:00")]
    [InlineData("2026-01-02T10:00:00\\u002B01:00", "2026-01-02T10:00:00.0000000+01:00")]
    [InlineData("2026-01-02", "2026-01-02T00:00:00.0000000+00:00")]
    [InlineData("2026-01-02T10:00:00.12345678901234567890123456789012345678901234567890123456789Z", "2026-01-02T10:00:00.1234567+00:00")]
    public void Times_read_as_before_whatever_their_length_or_escapes(string written, string expected)
    {
        Account a = Assert.Single(Read($$"""{"accounts":[{"id":"A1","modifiedAt":"{{written}}"}]}""").Accounts);
        Assert.Equal(expected, a.ModifiedAt!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("null")]
    public void A_blank_time_or_date_is_none(string written)
    {
        Deal d = Assert.Single(Read($$"""{"deals":[{"id":"D1","createdAt":{{written}},"closeDate":{{written}}}]}""").Deals);
        Assert.Equal((null, null), (d.CreatedAt, d.CloseDate));
    }

    [Fact]
    public void A_bad_time_names_its_field_and_text()
    {
        InputException ex = Assert.Throws<InputException>(() => Read("""{"accounts":[{"id":"A1","modifiedAt":"yesterday"}]}"""));
        Assert.Equal("modifiedAt 'yesterday' is not an ISO 8601 time", ex.Problem);
        string longBad = new('9', 80);
        ex = Assert.Throws<InputException>(() => Read($$"""{"deals":[{"id":"D1","closeDate":"{{longBad}}"}]}"""));
        Assert.Equal($"closeDate '{longBad}' is not an ISO 8601 date", ex.Problem);
    }
}
