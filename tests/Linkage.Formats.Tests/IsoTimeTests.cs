using Linkage.Formats.Canonical;

namespace Linkage.Formats.Tests;

public class IsoTimeTests
{
    [Theory]
    [InlineData("2026-02-10T15:00:00Z", true)]
    [InlineData("2026-02-10T15:00:00+01:00", true)]
    [InlineData("2026-02-10T15:00:00.123-08:00", true)]
    [InlineData("2026-02-10T15:00:00", false)]
    [InlineData("2026-02-10", false)]
    [InlineData("", false)]
    public void An_activity_time_needs_an_offset(string text, bool accepted)
    {
        Assert.Equal(accepted, IsoTime.TryParseInstant(text, requireOffset: true, out _));
    }

    [Theory]
    [InlineData("2026-02-10T15:00:00Z", "2026-02-10T15:00:00.0000000+00:00")]
    [InlineData("2026-02-10T15:00:00.5Z", "2026-02-10T15:00:00.5000000+00:00")]
    [InlineData("2026-02-10T15:00:00.123456789+05:30", "2026-02-10T15:00:00.1234567+05:30")]
    [InlineData("2026-02-28T20:30:00-08:00", "2026-02-28T20:30:00.0000000-08:00")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.0000000+00:00")]
    [InlineData("2026-02-10t15:00:00z", "2026-02-10T15:00:00.0000000+00:00")]
    public void Activity_times_keep_their_instant_and_offset(string text, string roundTrip)
    {
        Assert.True(IsoTime.TryParseInstant(text, requireOffset: true, out DateTimeOffset value));
        Assert.Equal(roundTrip, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-02-30T15:00:00Z")]
    [InlineData("2026-13-01T15:00:00Z")]
    [InlineData("2026-02-10T24:00:00Z")]
    [InlineData("2026-02-10T15:00:00+15:00")]
    [InlineData("2026-02-10T15:00:00.Z")]
    [InlineData("2026-02-10T15:00:00+0100x")]
    public void Impossible_times_are_refused(string text)
    {
        Assert.False(IsoTime.TryParseInstant(text, requireOffset: true, out _));
    }

    [Fact]
    public void A_bare_date_is_midnight_utc_for_crm_fields()
    {
        Assert.True(IsoTime.TryParseInstant("2026-01-05", requireOffset: false, out DateTimeOffset value));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("2026-02-01", 2026, 2, 1)]
    [InlineData("2026-02-01T23:00:00-05:00", 2026, 2, 1)]
    public void A_close_date_is_its_own_calendar_date(string text, int y, int m, int d)
    {
        Assert.True(IsoTime.TryParseDate(text, out DateOnly value));
        Assert.Equal(new DateOnly(y, m, d), value);
    }

    [Theory]
    [InlineData("2026-02-10T15:00:00Z", true)]
    [InlineData(" 2026-02-10T15:00:00.5+05:30 ", true)]
    [InlineData("2026-02-10t15:00:00z", true)]
    [InlineData("2026-02-10", false)]
    [InlineData("2026-02-30T15:00:00Z", true)]
    [InlineData("   ", false)]
    public void Text_in_a_span_parses_as_the_same_text_in_a_string(string text, bool requireOffset)
    {
        bool fromString = IsoTime.TryParseInstant(text, requireOffset, out DateTimeOffset a);
        bool fromSpan = IsoTime.TryParseInstant(text.AsSpan(), requireOffset, out DateTimeOffset b);
        Assert.Equal((fromString, a, a.Offset), (fromSpan, b, b.Offset));
        Assert.Equal(IsoTime.TryParseDate(text, out DateOnly c), IsoTime.TryParseDate(text.AsSpan(), out DateOnly d));
        Assert.Equal(c, d);
    }
}
