using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>Spec §7, row by row: the snapshot and settings exactly as written there.</summary>
public class WorkedExampleTests
{
    private const string On0210 = "2026-02-10T15:00:00Z";
    private const string On0220 = "2026-02-20T15:00:00Z";

    private static readonly LinkageSettings Settings = new() { CompanyDomains = ["ourco.com"] };

    private static readonly Associator Engine = Associator.Create(
        new Crm()
            .Account("A1", website: "https://www.acme.com")
            .Account("A2", domains: ["globex.co.uk"])
            .Account("A3")
            .Contact("C1", "jane@acme.com", accountId: "A1")
            .Contact("C2", "bob@acme.com")
            .Contact("C4", "lee@hooli.io", accountId: "A3")
            .Lead("L1", "tom@initech.com")
            .Deal("D1", "A1", createdAt: "2026-01-05T00:00:00Z")
            .Deal("D2", "A1", closeDate: "2026-02-01")
            .Snapshot,
        Settings);

    private static AssociationResult Run(string email, string occurredAt = On0210) =>
        Engine.Associate(Act.Email(occurredAt, email));

    [Theory]
    [InlineData("Jane@ACME.com", Rules.ContactEmail, "C1", "A1", null)]
    [InlineData("bob@acme.com", Rules.AccountDomain, "C2", "A1", null)]
    [InlineData("zed@sales.acme.com", Rules.AccountDomain, null, "A1", null)]
    [InlineData("kim@london.globex.co.uk", Rules.AccountDomain, null, "A2", null)]
    [InlineData("sam@hooli.io", Rules.ColleagueDomain, null, "A3", null)]
    [InlineData("tom@initech.com", Rules.LeadEmail, null, null, "L1")]
    [InlineData("pat@gmail.com", Rules.None, null, null, null)]
    public void External_participant_row(string email, string rule, string? contact, string? account, string? lead) =>
        Assert.Equal(new Match(rule, contact, account, lead), Match.Of(Run(email)));

    [Theory]
    [InlineData("me@ourco.com", ParticipantClass.Internal)]
    [InlineData("noreply@acme.com", ParticipantClass.Automated)]
    public void Classified_participant_row(string email, ParticipantClass expected) =>
        Assert.Equal(expected, Run(email).Participants[0].Class);

    [Fact]
    public void Jane_row_gets_D1_open_at_time_and_D2_closed_recently() =>
        Assert.Equal("D1:open-at-time D2:closed-recently", DealsOf.Reasons(Run("Jane@ACME.com")));

    [Fact]
    public void Jane_on_2026_02_20_gets_D1_only() =>
        Assert.Equal("D1:open-at-time", DealsOf.Reasons(Run("Jane@ACME.com", On0220)));

    [Fact]
    public void Bob_row_brings_the_deals_of_the_domain_account() =>
        Assert.Equal("D1,D2", string.Join(",", Run("bob@acme.com").Deals));

    [Theory]
    [InlineData("Jane@ACME.com", AssociationStatus.Associated)]
    [InlineData("tom@initech.com", AssociationStatus.Associated)]
    [InlineData("pat@gmail.com", AssociationStatus.Unmatched)]
    [InlineData("me@ourco.com", AssociationStatus.Internal)]
    [InlineData("noreply@acme.com", AssociationStatus.Unmatched)]
    public void Activity_status_of_each_row(string email, AssociationStatus expected) =>
        Assert.Equal(expected, Run(email).Status);

    [Fact]
    public void All_rows_on_one_activity_take_the_union_of_their_ids()
    {
        AssociationResult result = Engine.Associate(Act.Email(On0210,
            "Jane@ACME.com", "bob@acme.com", "zed@sales.acme.com", "kim@london.globex.co.uk", "sam@hooli.io",
            "tom@initech.com", "pat@gmail.com", "me@ourco.com", "noreply@acme.com"));
        Assert.Equal(new Ids("C1,C2", "A1,A2,A3", "L1", "D1,D2"), Ids.Of(result));
    }
}
