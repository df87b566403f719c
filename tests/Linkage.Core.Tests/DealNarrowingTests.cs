using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>Spec §5: narrowing several eligible deals, each step applied only if it leaves at least one.</summary>
public class DealNarrowingTests
{
    private const string Before = "2026-01-05T00:00:00Z";
    private const string After = "2026-02-15T00:00:00Z";

    /// <summary>Jane (contact C1 of A1) and the rep (user U1) on one email; deals are added per test.</summary>
    private static Crm Acme() => new Crm()
        .User("U1", "rep@ourco.com").User("U2", "other@ourco.com")
        .Account("A1").Contact("C1", "jane@acme.com", accountId: "A1").Contact("C5", "ann@acme.com", accountId: "A1");

    private static AssociationResult Run(Crm crm, LinkageSettings? settings = null) =>
        crm.Email(settings ?? new LinkageSettings(), Act.Day, "jane@acme.com", "rep@ourco.com");

    private static string Deals(Crm crm, LinkageSettings? settings = null) => string.Join(",", Run(crm, settings).Deals);

    [Fact]
    public void Contact_roles_keep_deals_held_by_an_associated_contact()
    {
        Crm crm = Acme().Deal("D1", "A1", Before).Deal("D2", "A1", Before).Role("D1", "C1");
        Assert.Equal("D1", Deals(crm));
    }

    [Fact]
    public void Contact_role_of_a_contact_not_on_the_activity_does_not_count()
    {
        Crm crm = Acme().Deal("D1", "A1", Before).Deal("D2", "A1", Before).Role("D1", "C5").Role("D2", "C1");
        Assert.Equal("D2", Deals(crm));
    }

    [Fact]
    public void Contact_roles_step_is_not_applied_when_it_would_leave_no_deal()
    {
        Crm crm = Acme().Deal("D1", "A1", Before).Deal("D2", "A1", Before).Role("D1", "C5");
        Assert.Equal("D1,D2", Deals(crm));
    }

    [Fact]
    public void Contact_roles_step_is_off_when_the_setting_is_false()
    {
        Crm crm = Acme().Deal("D1", "A1", Before).Deal("D2", "A1", Before).Role("D1", "C1");
        Assert.Equal("D1,D2", Deals(crm, new LinkageSettings { UseContactRoles = false }));
    }

    [Fact]
    public void Deal_owner_keeps_deals_owned_by_an_internal_participant()
    {
        Crm crm = Acme().Deal("D1", "A1", Before, ownerId: "U1").Deal("D2", "A1", Before, ownerId: "U2");
        Assert.Equal("D1", Deals(crm));
    }

    [Fact]
    public void Deal_owner_step_is_not_applied_when_it_would_leave_no_deal()
    {
        Crm crm = Acme().Deal("D1", "A1", Before, ownerId: "U2").Deal("D2", "A1", Before);
        Assert.Equal("D1,D2", Deals(crm));
    }

    [Fact]
    public void Deal_owner_step_is_off_when_the_setting_is_false()
    {
        Crm crm = Acme().Deal("D1", "A1", Before, ownerId: "U1").Deal("D2", "A1", Before, ownerId: "U2");
        Assert.Equal("D1,D2", Deals(crm, new LinkageSettings { UseDealOwner = false }));
    }

    [Fact]
    public void Contact_roles_narrow_before_deal_owner()
    {
        // Owner first would keep D2; roles first leaves D1 alone, and one deal is not narrowed further.
        Crm crm = Acme().Deal("D1", "A1", Before, ownerId: "U2").Deal("D2", "A1", Before, ownerId: "U1").Role("D1", "C1");
        Assert.Equal("D1", Deals(crm));
    }

    [Fact]
    public void Deal_owner_narrows_what_contact_roles_kept()
    {
        Crm crm = Acme()
            .Deal("D1", "A1", Before, ownerId: "U1").Deal("D2", "A1", Before).Deal("D3", "A1", Before, ownerId: "U1")
            .Role("D1", "C1").Role("D2", "C1");
        Assert.Equal("D1", Deals(crm));
    }

    [Fact]
    public void Deal_owner_step_that_would_empty_what_roles_kept_is_skipped()
    {
        Crm crm = Acme()
            .Deal("D1", "A1", Before).Deal("D2", "A1", Before).Deal("D3", "A1", Before, ownerId: "U1")
            .Role("D1", "C1").Role("D2", "C1");
        Assert.Equal("D1,D2", Deals(crm));
    }

    [Fact]
    public void Kept_deal_carries_the_steps_it_survived()
    {
        Crm crm = Acme()
            .Deal("D1", "A1", Before, ownerId: "U1").Deal("D2", "A1", Before).Deal("D3", "A1", Before, ownerId: "U1")
            .Role("D1", "C1").Role("D2", "C1");
        Assert.Equal("D1:useContactRoles+useDealOwner", DealsOf.Narrowing(Run(crm)));
    }

    [Fact]
    public void Step_that_was_not_applied_is_not_listed()
    {
        Crm crm = Acme().Deal("D1", "A1", Before).Deal("D2", "A1", Before).Role("D1", "C1");
        Assert.Equal("D1:useContactRoles", DealsOf.Narrowing(Run(crm)));
    }

    [Fact]
    public void Single_eligible_deal_is_not_narrowed()
    {
        Crm crm = Acme().Deal("D1", "A1", Before, ownerId: "U2");
        Assert.Equal("D1:", DealsOf.Narrowing(Run(crm)));
    }

    [Fact]
    public void At_most_five_deals_by_default()
    {
        Crm crm = Acme();
        foreach (string id in new[] { "D1", "D2", "D3", "D4", "D5", "D6" })
        {
            crm.Deal(id, "A1", Before);
        }

        Assert.Equal("D1,D2,D3,D4,D5", Deals(crm));
    }

    [Theory]
    // D1 closed-recently, D2 opened-after, D3 open-at-time.
    [InlineData(1, "D3")]
    [InlineData(2, "D2,D3")]
    [InlineData(3, "D1,D2,D3")]
    public void Max_deals_keeps_open_at_time_then_opened_after_then_closed_recently(int max, string expected)
    {
        Crm crm = Acme().Deal("D1", "A1", Before, closeDate: "2026-02-09").Deal("D2", "A1", After).Deal("D3", "A1", Before);
        Assert.Equal(expected, Deals(crm, new LinkageSettings { MaxDealsPerActivity = max }));
    }

    [Theory]
    // Both open-at-time: the one expected to close nearer the activity wins.
    [InlineData("2026-06-01", "2026-02-20", "D2")]
    [InlineData("2026-02-20", "2026-06-01", "D1")]
    // Distance counts both ways: closed-recently on the 9th is nearer than on the 1st.
    [InlineData("2026-02-01", "2026-02-09", "D2")]
    public void Max_deals_then_prefers_the_closeDate_nearest_the_activity(string close1, string close2, string expected)
    {
        bool closed = string.CompareOrdinal(close1, "2026-02-10") < 0;
        Crm crm = Acme().Deal("D1", "A1", Before, closeDate: close1, closed: closed)
            .Deal("D2", "A1", Before, closeDate: close2, closed: closed);
        Assert.Equal(expected, Deals(crm, new LinkageSettings { MaxDealsPerActivity = 1 }));
    }

    [Fact]
    public void Max_deals_then_prefers_the_smallest_ordinal_id()
    {
        Crm crm = Acme().Deal("D9", "A1", Before).Deal("D10", "A1", Before);
        Assert.Equal("D10", Deals(crm, new LinkageSettings { MaxDealsPerActivity = 1 }));
    }

    [Fact]
    public void Max_deals_puts_a_deal_without_closeDate_after_those_with_one()
    {
        // The spec orders by distance to closeDate and says nothing of deals without one; the engine puts them last.
        Crm crm = Acme().Deal("D1", "A1", Before).Deal("D2", "A1", Before, closeDate: "2027-01-01", closed: false);
        Assert.Equal("D2", Deals(crm, new LinkageSettings { MaxDealsPerActivity = 1 }));
    }

    [Fact]
    public void Max_deals_step_is_listed_on_the_deals_it_kept()
    {
        Crm crm = Acme().Deal("D1", "A1", Before).Deal("D2", "A1", After);
        Assert.Equal("D1:maxDealsPerActivity", DealsOf.Narrowing(Run(crm, new LinkageSettings { MaxDealsPerActivity = 1 })));
    }

    [Fact]
    public void Max_deals_applies_after_roles_and_owner()
    {
        Crm crm = Acme()
            .Deal("D1", "A1", Before).Deal("D2", "A1", After).Deal("D3", "A1", After).Role("D2", "C1").Role("D3", "C1");
        Assert.Equal("D2", Deals(crm, new LinkageSettings { MaxDealsPerActivity = 1 }));
    }

    [Fact]
    public void Explicit_deal_is_not_narrowed_away()
    {
        Crm crm = Acme().Deal("D1", "A1", Before).Deal("D2", "A1", Before).Role("D1", "C1");
        Activity activity = Act.Email(Act.Day, "jane@acme.com") with { CrmRefs = [new CrmRef(CrmRefType.Deal, "D2")] };
        Assert.Equal("D1:open-at-time D2:explicit", DealsOf.Reasons(crm.Associate(activity)));
    }

    [Fact]
    public void Explicit_deal_does_not_count_against_max_deals()
    {
        Crm crm = Acme().Deal("D1", "A1", Before).Deal("D9", "A1", "2020-01-01T00:00:00Z", closeDate: "2020-02-01");
        Activity activity = Act.Email(Act.Day, "jane@acme.com") with { CrmRefs = [new CrmRef(CrmRefType.Deal, "D9")] };
        Assert.Equal("D1,D9", string.Join(",", crm.Associate(activity, new LinkageSettings { MaxDealsPerActivity = 1 }).Deals));
    }
}
