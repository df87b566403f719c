using Linkage.Formats.Text;

namespace Linkage.Formats.Tests.Text;

public class VendorTimeTests
{
    [Theory]
    [InlineData("2026-02-10T15:00:00Z")]
    [InlineData("2026-02-10T15:00:00.000Z")]                 // Salesforce Data Loader
    [InlineData("2026-02-10T15:00:00.000+0000")]             // Salesforce API / Data Export
    [InlineData("2026-02-10T07:00:00-08:00")]
    [InlineData("2026-02-10T10:00:00.000-0500")]
    [InlineData("2026-02-10 15:00")]                         // HubSpot export
    [InlineData("2026-02-10 15:00:00")]
    [InlineData("2/10/2026 3:00 PM")]                        // Salesforce report, Excel
    [InlineData("2/10/2026 15:00")]
    [InlineData("1770735600000")]                            // HubSpot epoch milliseconds
    [InlineData("1770735600")]                               // epoch seconds
    [InlineData("Tue, 10 Feb 2026 15:00:00 +0000")]          // Twilio (RFC 2822)
    [InlineData("10 Feb 2026 15:00:00 GMT")]
    [InlineData("Tue, 10 Feb 2026 16:00:00 +0100")]
    [InlineData("2026-02-10 15:00:00 UTC")]
    public void Every_vendor_format_reads_as_the_same_instant(string text)
    {
        Assert.True(VendorTime.TryParseInstant(text, out DateTimeOffset value));
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 15, 0, 0, TimeSpan.Zero), value.ToUniversalTime());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a date")]
    [InlineData("2026-13-45")]
    [InlineData("31/31/2026")]
    public void Text_that_is_no_time_is_refused(string text) => Assert.False(VendorTime.TryParseInstant(text, out _));

    [Theory]
    [InlineData("2026-03-31")]
    [InlineData("3/31/2026")]
    [InlineData("2026-03-31 00:00")]
    [InlineData("2026-03-31T00:00:00.000+0000")]
    [InlineData("1774915200000")]
    public void A_date_is_read_from_a_date_or_a_timestamp(string text)
    {
        Assert.True(VendorTime.TryParseDate(text, out DateOnly value));
        Assert.Equal(new DateOnly(2026, 3, 31), value);
    }
}
