using Linkage.Core.Model;
using Linkage.Formats.Calendar;
using Linkage.Formats.Sources;

namespace Linkage.Formats.Tests.Calendar;

public class IcsSourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private static IcsSource January => Source(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

    private static IcsSource Source(DateTimeOffset? from, DateTimeOffset? to) =>
        new(Fixture.Path("calendar", "meetings.ics"), new CalendarWindow(from, to, Now));

    private static List<string> Ids(IcsSource source) => [.. Fixture.Activities(source).Select(a => a.Id)];

    [Fact]
    public void A_recurring_event_gives_one_meeting_per_occurrence_in_the_range() =>
        Assert.Equal(
            ["weekly-sync-acme@google.com@2026-01-05T17:00:00Z", "weekly-sync-acme@google.com@2026-01-12T17:00:00Z",
             "weekly-sync-acme@google.com@2026-01-19T17:00:00Z", "weekly-sync-acme@google.com@2026-01-26T17:00:00Z"],
            Ids(January).Where(id => id.StartsWith("weekly", StringComparison.Ordinal)));

    [Fact]
    public void A_narrower_range_gives_fewer_occurrences() =>
        Assert.Equal(["weekly-sync-acme@google.com@2026-01-12T17:00:00Z", "globex-demo-1@ourco.com"],
            Ids(Source(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 13, 0, 0, 0, TimeSpan.Zero))));

    [Fact]
    public void An_occurrence_starts_at_its_time_zone_local_time() =>
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 17, 0, 0, TimeSpan.Zero), Fixture.Activities(January)[0].OccurredAt);

    [Fact]
    public void A_moved_occurrence_keeps_the_id_of_the_slot_it_replaces_and_its_own_time_and_people()
    {
        Activity moved = Fixture.Activities(January).Single(a => a.Id == "weekly-sync-acme@google.com@2026-01-19T17:00:00Z");
        Assert.Equal((new DateTimeOffset(2026, 1, 20, 18, 0, 0, TimeSpan.Zero), "riley@ourco.com,jane@acme.com,tom@initech.com"),
            (moved.OccurredAt, string.Join(",", moved.Participants.Select(p => p.Email))));
    }

    [Fact]
    public void A_single_event_is_a_meeting_whose_id_is_its_uid() =>
        Assert.Equal(ActivityType.Meeting, Fixture.Activities(January).Single(a => a.Id == "globex-demo-1@ourco.com").Type);

    [Fact]
    public void Organizer_and_attendees_become_participants_without_rooms_or_decliners() =>
        Assert.Equal(["riley@ourco.com|Riley Rep|organizer", "jane@acme.com|Jane Doe|attendee"],
            Fixture.Activities(January)[0].Participants.Select(Fixture.Describe));

    [Fact]
    public void A_cancelled_event_is_no_meeting() => Assert.DoesNotContain("cancelled-1@ourco.com", Ids(January));

    [Fact]
    public void An_event_without_a_start_is_reported_by_its_number() =>
        Assert.Equal(["event 5: event no-start@ourco.com has no DTSTART"], Fixture.Problems(January));

    [Fact]
    public void Without_an_end_a_series_that_never_ends_stops_at_now() =>
        Assert.Equal(47, Ids(Source(null, null)).Count(id => id.StartsWith("weekly", StringComparison.Ordinal)));

    [Fact]
    public void A_file_that_is_no_calendar_is_one_reported_problem()
    {
        string path = Fixture.Temp("x.ics", "hello\n");
        Assert.True(Fixture.ReadAll(new IcsSource(path, CalendarWindow.Unbounded(Now))).Single().At.IsWholeFile);
    }
}
