using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>Spec §4, first paragraph: CRM references carried by the activity or a participant.</summary>
public class ExplicitRefTests
{
    private static readonly Crm Snapshot = new Crm()
        .Account("A1").Account("A2")
        .Contact("C1", "jane@acme.com", accountId: "A1")
        .Contact("C7", "kay@other.example", accountId: "A2")
        .Lead("L1", "tom@initech.com")
        .Deal("D9", "A2", createdAt: "2020-01-01T00:00:00Z", closeDate: "2020-06-01");

    private static AssociationResult Run(CrmRef[] activityRefs, params Participant[] participants) =>
        Snapshot.Associate(Act.With(Act.Day, participants) with { CrmRefs = activityRefs });

    [Theory]
    [InlineData(CrmRefType.Account, "A2", "", "A2", "", "")]
    [InlineData(CrmRefType.Lead, "L1", "", "", "L1", "")]
    [InlineData(CrmRefType.Deal, "D9", "", "", "", "D9")]
    // A contact, wherever it comes from, also brings its account.
    [InlineData(CrmRefType.Contact, "C7", "C7", "A2", "", "")]
    public void Activity_reference_is_associated_as_given(CrmRefType type, string id, string contacts, string accounts,
        string leads, string deals) =>
        Assert.Equal(new Ids(contacts, accounts, leads, deals), Ids.Of(Run([new CrmRef(type, id)])));

    [Fact]
    public void Participant_reference_is_associated_as_given()
    {
        Participant p = Act.Person("pat@gmail.com") with { CrmRefs = [new CrmRef(CrmRefType.Contact, "C7")] };
        Assert.Equal(new Ids("C7", "A2"), Ids.Of(Run([], p)));
    }

    [Fact]
    public void Reference_on_an_internal_participant_is_still_associated()
    {
        Participant p = Act.Person(affiliation: Affiliation.Internal) with { CrmRefs = [new CrmRef(CrmRefType.Lead, "L1")] };
        Assert.Equal(new Ids(Leads: "L1"), Ids.Of(Run([], p)));
    }

    [Fact]
    public void Unknown_reference_is_still_associated() =>
        Assert.Equal(new Ids(Accounts: "A404"), Ids.Of(Run([new CrmRef(CrmRefType.Account, "A404")])));

    [Fact]
    public void Unknown_reference_is_reported_as_a_warning()
    {
        AssociationResult result = Run([new CrmRef(CrmRefType.Contact, "C404")]);
        Assert.Equal([WarningCodes.UnknownRef], result.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Known_reference_gives_no_warning() =>
        Assert.Empty(Run([new CrmRef(CrmRefType.Contact, "C1")]).Warnings);

    [Fact]
    public void References_are_listed_with_where_they_came_from()
    {
        Participant p = Act.Person("pat@gmail.com") with { CrmRefs = [new CrmRef(CrmRefType.Lead, "L404")] };
        AssociationResult result = Run([new CrmRef(CrmRefType.Account, "A1")], p);
        Assert.Equal(
            [new ExplicitReference("account", "A1", "activity", true), new ExplicitReference("lead", "L404", "participant:0", false)],
            result.ExplicitRefs);
    }

    [Fact]
    public void Cascade_still_runs_when_references_are_present()
    {
        AssociationResult result = Run([new CrmRef(CrmRefType.Account, "A2")], Act.Person("jane@acme.com"));
        Assert.Equal(new Ids("C1", "A1,A2"), Ids.Of(result));
    }

    [Fact]
    public void Cascade_still_runs_for_the_participant_carrying_a_reference()
    {
        Participant p = Act.Person("jane@acme.com") with { CrmRefs = [new CrmRef(CrmRefType.Account, "A2")] };
        Assert.Equal(new Match(Rules.ContactEmail, "C1", "A1"), Match.Of(Run([], p)));
    }

    [Fact]
    public void Explicit_deal_is_kept_with_reason_explicit()
    {
        AssociationResult result = Run([new CrmRef(CrmRefType.Deal, "D9")]);
        Assert.Equal("D9:explicit", DealsOf.Reasons(result));
    }

    [Fact]
    public void Referenced_activity_with_internal_participants_only_is_associated()
    {
        AssociationResult result = Run([new CrmRef(CrmRefType.Account, "A1")], Act.Person(affiliation: Affiliation.Internal));
        Assert.Equal(AssociationStatus.Associated, result.Status);
    }
}
