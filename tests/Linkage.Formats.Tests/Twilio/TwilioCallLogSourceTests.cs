using Linkage.Core.Model;
using Linkage.Formats.Twilio;

namespace Linkage.Formats.Tests.Twilio;

public class TwilioCallLogSourceTests
{
    private static readonly TwilioCallLogSource Source = new(Fixture.Path("twilio", "call-log.csv"));

    private static Activity Call(string sid) => Fixture.Activities(Source).Single(a => a.Id == sid);

    [Fact]
    public void A_row_is_a_dialer_call_whose_id_is_its_sid()
    {
        Activity call = Call("CA5a0f3b8e2c9d4e1f6a7b8c9d0e1f2a3b");
        Assert.Equal((ActivityType.Call, true), (call.Type, call.Dialer));
    }

    [Fact]
    public void The_start_time_in_rfc_2822_is_the_time() =>
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 15, 0, 0, TimeSpan.Zero), Call("CA5a0f3b8e2c9d4e1f6a7b8c9d0e1f2a3b").OccurredAt);

    [Theory]
    [InlineData("CA5a0f3b8e2c9d4e1f6a7b8c9d0e1f2a3b", "+16505550000|caller|internal", "+14155550101|callee")]  // outbound-api: our number calls
    [InlineData("CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "+4930123456|SMITH BOB|caller", "+16505550000|callee|internal")] // inbound: our number is called
    public void From_is_the_caller_and_to_the_callee_and_our_number_is_internal(string sid, string caller, string callee) =>
        Assert.Equal([caller, callee], Call(sid).Participants.Select(Fixture.Describe));

    [Fact]
    public void A_row_with_a_bad_start_time_is_reported_by_line() =>
        Assert.Equal(["line 4: StartTime 'not a time' is not a time"], Fixture.Problems(Source));

    [Fact]
    public void A_client_identity_is_not_taken_for_a_phone_number()
    {
        string path = Fixture.Temp("log.csv", "Sid,From,To,StartTime,Direction\nCA1,+16505550000,client:riley,2026-02-10 15:00:00,outbound-dial\n");
        Assert.Equal(["+16505550000|caller"], Fixture.Activities(new TwilioCallLogSource(path)).Single().Participants.Select(Fixture.Describe));
    }

    [Fact]
    public void A_file_without_the_sid_column_is_reported_as_missing_a_header()
    {
        string path = Fixture.Temp("log.csv", "From,To,StartTime\n+1,+2,2026-02-10\n");
        Assert.StartsWith("missing header 'Sid'", Fixture.ReadAll(new TwilioCallLogSource(path)).Single().Problem, StringComparison.Ordinal);
    }
}
