using CsCheck;
using System.Globalization;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>Spec §5: which deals of an associated account can take an activity, and why.</summary>
public class DealEligibilityTests
{
    // t = 2026-02-10T15:00:00Z, so d = 2026-02-10 and t + W = 2026-02-24T15:00:00Z.
    private const string T = Act.Day;
    private const string None = "";

    private static string Evaluate(string occurredAt, string? createdAt, bool closed, string? closeDate, int window = 14) =>
        DealEligibility.Evaluate(
            new Deal
            {
                Id = "D1",
                CreatedAt = Time.OrNull(createdAt),
                IsClosed = closed,
                CloseDate = closeDate is null ? null : DateOnly.Parse(closeDate, CultureInfo.InvariantCulture),
            },
            Time.At(occurredAt),
            window) ?? None;

    [Theory]
    [InlineData("2026-01-05T00:00:00Z", false, null)]
    [InlineData(null, false, null)]
    [InlineData("2026-02-10T15:00:00Z", false, null)]
    // An open deal past its expected close date is still open.
    [InlineData("2026-01-05T00:00:00Z", false, "2026-01-31")]
    [InlineData("2026-01-05T00:00:00Z", true, "2026-02-10")]
    [InlineData("2026-01-05T00:00:00Z", true, "2026-03-31")]
    [InlineData(null, true, "2026-02-10")]
    public void Open_at_time(string? createdAt, bool closed, string? closeDate) =>
        Assert.Equal(DealReasons.OpenAtTime, Evaluate(T, createdAt, closed, closeDate));

    [Theory]
    [InlineData("2026-02-10T15:00:01Z", false, null)]
    [InlineData("2026-02-17T00:00:00Z", false, null)]
    [InlineData("2026-02-24T15:00:00Z", false, null)]
    [InlineData("2026-02-11T00:00:00Z", true, "2026-03-31")]
    public void Opened_after(string createdAt, bool closed, string? closeDate) =>
        Assert.Equal(DealReasons.OpenedAfter, Evaluate(T, createdAt, closed, closeDate));

    [Theory]
    [InlineData("2026-02-24T15:00:01Z")]
    [InlineData("2026-03-01T00:00:00Z")]
    public void Created_more_than_W_days_after_the_activity_is_not_eligible(string createdAt) =>
        Assert.Equal(None, Evaluate(T, createdAt, closed: false, closeDate: null));

    [Theory]
    [InlineData("2026-02-09")]
    [InlineData("2026-02-01")]
    [InlineData("2026-01-27")]
    public void Closed_recently(string closeDate) =>
        Assert.Equal(DealReasons.ClosedRecently, Evaluate(T, "2025-12-01T00:00:00Z", closed: true, closeDate));

    [Theory]
    [InlineData("2026-01-26")]
    [InlineData("2025-06-01")]
    public void Closed_more_than_W_days_before_the_activity_is_not_eligible(string closeDate) =>
        Assert.Equal(None, Evaluate(T, "2025-12-01T00:00:00Z", closed: true, closeDate));

    [Theory]
    [InlineData("2025-12-01T00:00:00Z")]
    [InlineData(null)]
    [InlineData("2026-02-11T00:00:00Z")]
    public void Closed_without_closeDate_is_not_eligible(string? createdAt) =>
        Assert.Equal(None, Evaluate(T, createdAt, closed: true, closeDate: null));

    [Theory]
    // A deal closed on 2026-02-01, seen from activities on successive days.
    [InlineData("2026-02-01T23:59:59Z", DealReasons.OpenAtTime)]
    [InlineData("2026-02-02T00:00:00Z", DealReasons.ClosedRecently)]
    [InlineData("2026-02-15T00:00:00Z", DealReasons.ClosedRecently)]
    [InlineData("2026-02-15T23:59:59Z", DealReasons.ClosedRecently)]
    [InlineData("2026-02-16T00:00:00Z", None)]
    public void Window_runs_to_closeDate_plus_W_inclusive(string occurredAt, string expected) =>
        Assert.Equal(expected, Evaluate(occurredAt, "2025-12-01T00:00:00Z", closed: true, "2026-02-01"));

    [Theory]
    // W = 8: d - 8 is the last day inside the window, d - 9 the first outside.
    [InlineData("2026-02-02", DealReasons.ClosedRecently)]
    [InlineData("2026-02-01", None)]
    public void Window_length_comes_from_the_setting(string closeDate, string expected) =>
        Assert.Equal(expected, Evaluate(T, "2025-12-01T00:00:00Z", closed: true, closeDate, window: 8));

    [Theory]
    [InlineData("2026-02-15T23:30:00-08:00", "2026-02-16")]
    [InlineData("2026-02-16T00:30:00+02:00", "2026-02-15")]
    [InlineData("2026-02-16T00:00:00Z", "2026-02-16")]
    public void Activity_day_is_the_UTC_date(string occurredAt, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), DealEligibility.ActivityDay(Time.At(occurredAt)));

    [Fact]
    public void Deal_closing_on_the_local_date_is_already_closed_in_UTC() =>
        // Local date 2026-02-15 would make it open-at-time; the UTC date 2026-02-16 is after the close.
        Assert.Equal(DealReasons.ClosedRecently,
            Evaluate("2026-02-15T23:30:00-08:00", "2025-12-01T00:00:00Z", closed: true, "2026-02-15"));

    [Fact]
    public void Window_end_is_counted_from_the_UTC_date() =>
        // closeDate + 14 is the local date, closeDate + 15 the UTC one.
        Assert.Equal(None, Evaluate("2026-02-15T23:30:00-08:00", "2025-12-01T00:00:00Z", closed: true, "2026-02-01"));

    [Fact]
    public void Opened_after_compares_instants_not_dates() =>
        // 07:00Z is before t (07:30Z) although the local date of t is the day before.
        Assert.Equal(DealReasons.OpenAtTime, Evaluate("2026-02-15T23:30:00-08:00", "2026-02-16T07:00:00Z", false, null));

    [Fact]
    public void Every_eligible_deal_carries_its_reason()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "jane@acme.com", accountId: "A1")
            .Deal("D1", "A1", createdAt: "2026-01-05T00:00:00Z")
            .Deal("D2", "A1", createdAt: "2026-02-20T00:00:00Z")
            .Deal("D3", "A1", createdAt: "2026-01-05T00:00:00Z", closeDate: "2026-02-05");
        Assert.Equal("D1:open-at-time D2:opened-after D3:closed-recently",
            DealsOf.Reasons(crm.Email(T, "jane@acme.com")));
    }

    [Fact]
    public void Deals_come_only_from_associated_accounts()
    {
        Crm crm = new Crm().Account("A1").Account("A2").Contact("C1", "jane@acme.com", accountId: "A1")
            .Deal("D1", "A1", createdAt: "2026-01-05T00:00:00Z")
            .Deal("D2", "A2", createdAt: "2026-01-05T00:00:00Z");
        Assert.Equal("D1:open-at-time", DealsOf.Reasons(crm.Email(T, "jane@acme.com")));
    }

    [Fact]
    public void Deal_closed_long_ago_leaves_the_activity_on_the_account_and_an_open_renewal()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "jane@acme.com", accountId: "A1")
            .Deal("D1", "A1", createdAt: "2025-01-05T00:00:00Z", closeDate: "2025-12-31")
            .Deal("D2", "A1", createdAt: "2026-01-02T00:00:00Z");
        Assert.Equal(new Ids("C1", "A1", Deals: "D2"), Ids.Of(crm.Email(T, "jane@acme.com")));
    }

    [Fact]
    public void Activity_with_no_eligible_deal_keeps_its_account()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "jane@acme.com", accountId: "A1")
            .Deal("D1", "A1", createdAt: "2025-01-05T00:00:00Z", closeDate: "2025-12-31");
        Assert.Equal(new Ids("C1", "A1"), Ids.Of(crm.Email(T, "jane@acme.com")));
    }

    [Fact]
    public void Deal_window_setting_reaches_the_engine()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "jane@acme.com", accountId: "A1")
            .Deal("D1", "A1", createdAt: "2026-01-05T00:00:00Z", closeDate: "2026-02-01");
        var settings = new LinkageSettings { DealWindowDays = 7 };
        Assert.Empty(crm.Email(settings, T, "jane@acme.com").Deals);
    }

    [Fact]
    public void Explicit_deal_skips_the_eligibility_window()
    {
        Crm crm = new Crm().Account("A1").Deal("D1", "A1", createdAt: "2020-01-05T00:00:00Z", closeDate: "2020-03-01");
        Activity activity = Act.With(T) with { CrmRefs = [new CrmRef(CrmRefType.Deal, "D1")] };
        Assert.Equal("D1:explicit", DealsOf.Reasons(crm.Associate(activity)));
    }

    [Fact]
    public void Explicit_deal_needs_no_associated_account()
    {
        Crm crm = new Crm().Account("A1").Deal("D1", "A1", createdAt: "2026-01-05T00:00:00Z");
        Activity activity = Act.With(T, Act.Person("pat@gmail.com")) with { CrmRefs = [new CrmRef(CrmRefType.Deal, "D1")] };
        Assert.Equal(new Ids(Deals: "D1"), Ids.Of(crm.Associate(activity)));
    }

    [Fact]
    public void Evaluation_on_ticks_and_day_numbers_agrees_with_the_rules_on_dates() =>
        // The engine evaluates deals as numbers (UTC ticks, day numbers) taken when the index is built; the
        // rules below are §5 as written, on DateTimeOffset and DateOnly, with times and offsets chosen to fall
        // on and around every boundary.
        (from occurred in Moment
         from createdDays in Gen.Int[-20, 20]
         from createdSeconds in Gen.Int[-1, 1]
         from createdOffset in Gen.Int[-12, 14]
         from closeShift in Gen.Int[-20, 20]
         from missing in Gen.Int[0, 3]
         from closed in Gen.Bool
         from window in Gen.Int[0, 16]
         select (occurred, (createdDays, createdSeconds, createdOffset), closeShift, missing, closed, window))
        .Sample(sample =>
        {
            (DateTimeOffset occurred, (int days, int seconds, int offset), int closeShift, int missing, bool closed, int window) = sample;
            // Created whole days (give or take a second) from the activity, so t + W is hit exactly.
            DateTimeOffset c = occurred.AddDays(days).AddSeconds(seconds).ToOffset(TimeSpan.FromHours(offset));
            // missing: 1 leaves createdAt out, 2 closeDate, 3 both.
            DateTimeOffset? created = (missing & 1) == 0 ? c : null;
            DateOnly? closeDate = (missing & 2) == 0 ? DealEligibility.ActivityDay(occurred).AddDays(closeShift) : null;
            var deal = new Deal { Id = "D1", CreatedAt = created, CloseDate = closeDate, IsClosed = closed };
            Assert.Equal(OnDates(deal, occurred, window) ?? None, DealEligibility.Evaluate(deal, occurred, window) ?? None);
        }, iter: 5_000);

    // Activity times within a few weeks of one instant, at whole hours and a second either side, in several offsets.
    private static readonly Gen<DateTimeOffset> Moment =
        Gen.Select(Gen.Int[-30 * 24, 30 * 24], Gen.Int[-1, 1], Gen.Int[-12, 14], (hours, second, offset) =>
            new DateTimeOffset(2026, 2, 10, 15, 0, 0, TimeSpan.Zero).AddHours(hours).AddSeconds(second).ToOffset(TimeSpan.FromHours(offset)));

    private static string? OnDates(Deal deal, DateTimeOffset occurredAt, int windowDays)
    {
        if (deal.IsClosed && deal.CloseDate is null)
        {
            return null;
        }

        DateOnly day = DealEligibility.ActivityDay(occurredAt);
        bool createdByThen = deal.CreatedAt is not { } created || created <= occurredAt;
        if (createdByThen && (!deal.IsClosed || deal.CloseDate >= day))
        {
            return DealReasons.OpenAtTime;
        }

        if (deal.CreatedAt is { } c && occurredAt < c && c <= occurredAt.AddDays(windowDays))
        {
            return DealReasons.OpenedAfter;
        }

        return deal.IsClosed && deal.CloseDate is { } closedOn && closedOn < day && day <= closedOn.AddDays(windowDays)
            ? DealReasons.ClosedRecently
            : null;
    }
}
