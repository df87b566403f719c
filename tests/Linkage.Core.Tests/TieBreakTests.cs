using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>
/// Spec §4 ties: each test makes the winner lose on every later criterion, so only the criterion under
/// test can have decided, and checks that the tie is reported with the losers and the criterion's name.
/// </summary>
public class TieBreakTests
{
    private const string Old = "2025-01-01T00:00:00Z";
    private const string New = "2026-01-01T00:00:00Z";

    private static ParticipantResult First(Crm crm, params string[] emails) => crm.Email(Act.Day, emails).Participants[0];

    [Fact]
    public void Contact_with_an_account_beats_a_later_modified_one_without()
    {
        Crm crm = new Crm().Account("A1")
            .Contact("C9", "jane@acme.com", accountId: "A1", modifiedAt: Old)
            .Contact("C1", "jane@acme.com", modifiedAt: New);
        Assert.Equal(new Tie("C9", true, "C1", TieBreaks.HasAccount), Tie.OfContact(First(crm, "jane@acme.com")));
    }

    [Fact]
    public void Contact_with_latest_modifiedAt_wins()
    {
        Crm crm = new Crm().Account("A1")
            .Contact("C9", "jane@acme.com", accountId: "A1", modifiedAt: New)
            .Contact("C1", "jane@acme.com", accountId: "A1", modifiedAt: Old);
        Assert.Equal(new Tie("C9", true, "C1", TieBreaks.LatestModified), Tie.OfContact(First(crm, "jane@acme.com")));
    }

    [Fact]
    public void Contact_without_modifiedAt_counts_as_oldest()
    {
        Crm crm = new Crm().Account("A1")
            .Contact("C9", "jane@acme.com", accountId: "A1", modifiedAt: Old)
            .Contact("C1", "jane@acme.com", accountId: "A1");
        Assert.Equal(new Tie("C9", true, "C1", TieBreaks.LatestModified), Tie.OfContact(First(crm, "jane@acme.com")));
    }

    [Fact]
    public void Contact_with_smallest_ordinal_id_wins_the_last_tie()
    {
        // Ordinal, not numeric: "C10" < "C9".
        Crm crm = new Crm().Account("A1")
            .Contact("C9", "jane@acme.com", accountId: "A1", modifiedAt: New)
            .Contact("C10", "jane@acme.com", accountId: "A1", modifiedAt: New);
        Assert.Equal(new Tie("C10", true, "C9", TieBreaks.SmallestId), Tie.OfContact(First(crm, "jane@acme.com")));
    }

    [Fact]
    public void Contact_ids_compare_ordinally_across_case()
    {
        Crm crm = new Crm().Account("A1")
            .Contact("a1", "jane@acme.com", accountId: "A1")
            .Contact("Z1", "jane@acme.com", accountId: "A1");
        Assert.Equal(new Tie("Z1", true, "a1", TieBreaks.SmallestId), Tie.OfContact(First(crm, "jane@acme.com")));
    }

    [Fact]
    public void Contact_tie_lists_every_loser_in_preference_order()
    {
        Crm crm = new Crm().Account("A1")
            .Contact("C3", "jane@acme.com", accountId: "A1", modifiedAt: Old)
            .Contact("C2", "jane@acme.com")
            .Contact("C1", "jane@acme.com", accountId: "A1", modifiedAt: New);
        Assert.Equal(new Tie("C1", true, "C3,C2", TieBreaks.LatestModified), Tie.OfContact(First(crm, "jane@acme.com")));
    }

    [Fact]
    public void Contact_tie_by_phone_is_broken_the_same_way()
    {
        Crm crm = new Crm().Account("A1")
            .Contact("C9", phone: "+1 415 555 0100", accountId: "A1", modifiedAt: Old)
            .Contact("C1", phone: "+1 415 555 0100", modifiedAt: New);
        ParticipantResult p = crm.Associate(Act.With(Act.Day, Act.Person(phone: "(415) 555-0100"))).Participants[0];
        Assert.Equal(new Tie("C9", true, "C1", TieBreaks.HasAccount), Tie.OfContact(p));
    }

    [Fact]
    public void Contact_tie_winner_is_the_one_associated()
    {
        Crm crm = new Crm().Account("A1").Account("A2")
            .Contact("C9", "jane@acme.com", accountId: "A2", modifiedAt: New)
            .Contact("C1", "jane@acme.com", accountId: "A1", modifiedAt: Old);
        Assert.Equal(new Ids("C9", "A2"), Ids.Of(crm.Email(Act.Day, "jane@acme.com")));
    }

    [Fact]
    public void Single_candidate_is_not_ambiguous()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "jane@acme.com", accountId: "A1");
        Assert.Equal(new Tie("C1", false, "", null), Tie.OfContact(First(crm, "jane@acme.com")));
    }

    [Fact]
    public void Lead_that_resolves_to_an_account_beats_a_later_modified_one()
    {
        // For a lead, "has an account" means it was converted to a contact that has one.
        Crm crm = new Crm().Account("A1").Contact("C1", "tom@elsewhere.example", accountId: "A1")
            .Lead("L9", "tom@initech.com", modifiedAt: Old, convertedContactId: "C1")
            .Lead("L1", "tom@initech.com", modifiedAt: New);
        ParticipantResult p = First(crm, "tom@initech.com");
        Assert.Equal(new Tie("L9", true, "L1", TieBreaks.HasAccount), Tie.OfLead(p));
    }

    [Fact]
    public void Lead_with_latest_modifiedAt_wins()
    {
        Crm crm = new Crm().Lead("L9", "tom@initech.com", modifiedAt: New).Lead("L1", "tom@initech.com", modifiedAt: Old);
        Assert.Equal(new Tie("L9", true, "L1", TieBreaks.LatestModified), Tie.OfLead(First(crm, "tom@initech.com")));
    }

    [Fact]
    public void Lead_without_modifiedAt_counts_as_oldest()
    {
        Crm crm = new Crm().Lead("L9", "tom@initech.com", modifiedAt: Old).Lead("L1", "tom@initech.com");
        Assert.Equal(new Tie("L9", true, "L1", TieBreaks.LatestModified), Tie.OfLead(First(crm, "tom@initech.com")));
    }

    [Fact]
    public void Lead_with_smallest_ordinal_id_wins_the_last_tie()
    {
        Crm crm = new Crm().Lead("L9", "tom@initech.com").Lead("L10", "tom@initech.com");
        Assert.Equal(new Tie("L10", true, "L9", TieBreaks.SmallestId), Tie.OfLead(First(crm, "tom@initech.com")));
    }

    [Fact]
    public void Lead_tie_winner_is_the_one_associated()
    {
        Crm crm = new Crm().Lead("L9", "tom@initech.com", modifiedAt: New).Lead("L1", "tom@initech.com", modifiedAt: Old);
        Assert.Equal(new Ids(Leads: "L9"), Ids.Of(crm.Email(Act.Day, "tom@initech.com")));
    }

    [Fact]
    public void Account_owned_by_an_internal_participant_wins_step2()
    {
        Crm crm = new Crm().User("U1", "rep@ourco.com")
            .Account("A9", domains: ["acme.com"], ownerId: "U1", modifiedAt: Old)
            .Account("A1", domains: ["acme.com"], ownerId: "U2", modifiedAt: New)
            .Deal("D1", "A1", createdAt: "2026-01-05T00:00:00Z");
        Assert.Equal(new Tie("A9", true, "A1", TieBreaks.OwnerInternal),
            Tie.OfAccount(First(crm, "zed@acme.com", "rep@ourco.com")));
    }

    [Fact]
    public void Account_owner_who_is_not_on_the_activity_does_not_count()
    {
        Crm crm = new Crm().User("U1", "rep@ourco.com")
            .Account("A9", domains: ["acme.com"], ownerId: "U1", modifiedAt: Old)
            .Account("A1", domains: ["acme.com"], modifiedAt: New);
        Assert.Equal("A1", First(crm, "zed@acme.com").AccountId);
    }

    [Fact]
    public void Account_with_a_deal_eligible_for_the_activity_wins_step2()
    {
        Crm crm = new Crm()
            .Account("A9", domains: ["acme.com"], modifiedAt: Old)
            .Account("A1", domains: ["acme.com"], modifiedAt: New)
            .Deal("D9", "A9", createdAt: "2026-01-05T00:00:00Z")
            // A deal closed long ago is not eligible, so it does not help A1.
            .Deal("D1", "A1", createdAt: "2025-01-05T00:00:00Z", closeDate: "2025-06-01");
        Assert.Equal(new Tie("A9", true, "A1", TieBreaks.EligibleDeal), Tie.OfAccount(First(crm, "zed@acme.com")));
    }

    [Fact]
    public void Account_with_latest_modifiedAt_wins_step2()
    {
        Crm crm = new Crm()
            .Account("A9", domains: ["acme.com"], modifiedAt: New)
            .Account("A1", domains: ["acme.com"], modifiedAt: Old);
        Assert.Equal(new Tie("A9", true, "A1", TieBreaks.LatestModified), Tie.OfAccount(First(crm, "zed@acme.com")));
    }

    [Fact]
    public void Account_without_modifiedAt_counts_as_oldest_in_step2()
    {
        Crm crm = new Crm().Account("A9", domains: ["acme.com"], modifiedAt: Old).Account("A1", domains: ["acme.com"]);
        Assert.Equal(new Tie("A9", true, "A1", TieBreaks.LatestModified), Tie.OfAccount(First(crm, "zed@acme.com")));
    }

    [Fact]
    public void Account_with_smallest_ordinal_id_wins_the_last_step2_tie()
    {
        Crm crm = new Crm().Account("A9", website: "https://acme.com").Account("A10", domains: ["acme.com"]);
        Assert.Equal(new Tie("A10", true, "A9", TieBreaks.SmallestId), Tie.OfAccount(First(crm, "zed@acme.com")));
    }

    [Fact]
    public void Step2_tie_winner_is_the_one_associated()
    {
        Crm crm = new Crm().Account("A9", domains: ["acme.com"], modifiedAt: New).Account("A1", domains: ["acme.com"]);
        Assert.Equal(new Ids(Accounts: "A9"), Ids.Of(crm.Email(Act.Day, "zed@acme.com")));
    }

    [Fact]
    public void Account_with_most_colleagues_wins_step3()
    {
        Crm crm = new Crm().User("U1", "rep@ourco.com")
            .Account("A9", modifiedAt: Old).Account("A1", ownerId: "U1", modifiedAt: New)
            .Contact("C1", "a@hooli.io", accountId: "A9").Contact("C2", "b@hooli.io", accountId: "A9")
            .Contact("C3", "c@hooli.io", accountId: "A1");
        Assert.Equal(new Tie("A9", true, "A1", TieBreaks.MostContacts),
            Tie.OfAccount(First(crm, "sam@hooli.io", "rep@ourco.com")));
    }

    [Fact]
    public void Step3_colleague_with_two_addresses_on_the_host_counts_once()
    {
        // A9's one colleague has two addresses; A1 has two colleagues, so A1 wins on count.
        Crm crm = new Crm().Account("A9", modifiedAt: New).Account("A1")
            .Contact("C1", ["a@hooli.io", "a.alias@hooli.io"], accountId: "A9")
            .Contact("C2", "b@hooli.io", accountId: "A1").Contact("C3", "c@hooli.io", accountId: "A1");
        Assert.Equal("A1", First(crm, "sam@hooli.io").AccountId);
    }

    [Theory]
    // A10 wins each row; A9 is ahead of it on every criterion after the one under test.
    [InlineData("U1", false, Old, New, TieBreaks.OwnerInternal)]
    [InlineData(null, true, Old, New, TieBreaks.EligibleDeal)]
    [InlineData(null, false, New, null, TieBreaks.LatestModified)]
    [InlineData(null, false, null, null, TieBreaks.SmallestId)]
    public void Step3_tie_on_colleague_count_falls_back_to_step2_order(string? a10Owner, bool a10HasDeal,
        string? a10Modified, string? a9Modified, string tieBreak)
    {
        Crm crm = new Crm().User("U1", "rep@ourco.com")
            .Account("A10", ownerId: a10Owner, modifiedAt: a10Modified)
            .Account("A9", modifiedAt: a9Modified)
            .Contact("C1", "a@hooli.io", accountId: "A10").Contact("C2", "b@hooli.io", accountId: "A9");
        if (a10HasDeal)
        {
            crm.Deal("D1", "A10", createdAt: "2026-01-05T00:00:00Z");
        }

        Assert.Equal(new Tie("A10", true, "A9", tieBreak), Tie.OfAccount(First(crm, "sam@hooli.io", "rep@ourco.com")));
    }
}
