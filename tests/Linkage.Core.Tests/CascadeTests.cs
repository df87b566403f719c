using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>Spec §4: the cascade an external participant goes through, one step at a time.</summary>
public class CascadeTests
{
    [Fact]
    public void Step1_contact_by_email_brings_its_account()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "jane@acme.com", accountId: "A1");
        Assert.Equal(new Match(Rules.ContactEmail, "C1", "A1"), Match.Of(crm.Email(Act.Day, "jane@acme.com")));
    }

    [Fact]
    public void Step1_contact_by_phone_brings_its_account()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", phone: "+1 415 555 0100", accountId: "A1");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person(phone: "(415) 555-0100")));
        Assert.Equal(new Match(Rules.ContactPhone, "C1", "A1"), Match.Of(result));
    }

    [Fact]
    public void Step1_email_is_looked_up_before_phone()
    {
        Crm crm = new Crm().Account("A1").Account("A2")
            .Contact("C1", "jane@acme.com", accountId: "A1")
            .Contact("C2", phone: "+1 415 555 0100", accountId: "A2");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person("jane@acme.com", "(415) 555-0100")));
        Assert.Equal(new Match(Rules.ContactEmail, "C1", "A1"), Match.Of(result));
    }

    [Fact]
    public void Step1_falls_back_to_phone_when_email_matches_no_contact()
    {
        Crm crm = new Crm().Account("A2").Contact("C2", phone: "+1 415 555 0100", accountId: "A2");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person("jane@acme.com", "(415) 555-0100")));
        Assert.Equal(new Match(Rules.ContactPhone, "C2", "A2"), Match.Of(result));
    }

    [Fact]
    public void Step1_with_an_account_stops_before_domain_rules()
    {
        // The domain would point elsewhere; the contact's own account wins.
        Crm crm = new Crm().Account("A1").Account("A2", domains: ["acme.com"])
            .Contact("C1", "jane@acme.com", accountId: "A1");
        Assert.Equal(["A1"], crm.Email(Act.Day, "jane@acme.com").Accounts);
    }

    [Fact]
    public void Step1_contact_whose_account_is_missing_from_the_snapshot_still_brings_its_id()
    {
        Crm crm = new Crm().Contact("C1", "jane@acme.com", accountId: "A404");
        Assert.Equal(["A404"], crm.Email(Act.Day, "jane@acme.com").Accounts);
    }

    [Fact]
    public void Step2_account_by_email_host()
    {
        Crm crm = new Crm().Account("A1", domains: ["acme.com"]);
        Assert.Equal(new Match(Rules.AccountDomain, Account: "A1"), Match.Of(crm.Email(Act.Day, "zed@acme.com")));
    }

    [Fact]
    public void Step2_account_by_website()
    {
        Crm crm = new Crm().Account("A1", website: "https://www.Acme.com/about");
        Assert.Equal(new Match(Rules.AccountDomain, Account: "A1"), Match.Of(crm.Email(Act.Day, "zed@acme.com")));
    }

    [Fact]
    public void Step2_account_by_registrable_domain_of_the_host()
    {
        Crm crm = new Crm().Account("A1", domains: ["acme.co.uk"]);
        Assert.Equal(new Match(Rules.AccountDomain, Account: "A1"),
            Match.Of(crm.Email(Act.Day, "zed@mail.eu.acme.co.uk")));
    }

    [Fact]
    public void Step2_exact_host_is_preferred_to_the_registrable_domain()
    {
        Crm crm = new Crm().Account("A1", domains: ["acme.com"]).Account("A2", domains: ["eu.acme.com"]);
        Assert.Equal(["A2"], crm.Email(Act.Day, "zed@eu.acme.com").Accounts);
    }

    [Fact]
    public void Step2_host_match_is_reported_as_evidence()
    {
        Crm crm = new Crm().Account("A1", domains: ["eu.acme.com"]);
        Assert.Equal("host:eu.acme.com", crm.Email(Act.Day, "zed@eu.acme.com").Participants[0].MatchedOn);
    }

    [Fact]
    public void Step2_registrable_domain_match_is_reported_as_evidence()
    {
        Crm crm = new Crm().Account("A1", domains: ["acme.com"]);
        Assert.Equal("domain:acme.com", crm.Email(Act.Day, "zed@eu.acme.com").Participants[0].MatchedOn);
    }

    [Fact]
    public void Step2_account_on_a_sibling_subdomain_is_not_a_match()
    {
        // Only the host and its registrable domain are looked up, never another subdomain.
        Crm crm = new Crm().Account("A1", domains: ["us.acme.com"]);
        Assert.Equal(Rules.None, crm.Email(Act.Day, "zed@eu.acme.com").Participants[0].Rule);
    }

    [Fact]
    public void Step2_needs_an_email()
    {
        Crm crm = new Crm().Account("A1", domains: ["acme.com"]);
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person(phone: "(415) 555-0100")));
        Assert.Equal(Rules.None, result.Participants[0].Rule);
    }

    [Fact]
    public void Step2_keeps_the_contact_found_without_an_account()
    {
        Crm crm = new Crm().Account("A1", domains: ["acme.com"]).Contact("C2", "bob@acme.com");
        Assert.Equal(new Match(Rules.AccountDomain, "C2", "A1"), Match.Of(crm.Email(Act.Day, "bob@acme.com")));
    }

    [Fact]
    public void Step2_applies_to_a_contact_found_by_phone_without_an_account()
    {
        Crm crm = new Crm().Account("A1", domains: ["acme.com"]).Contact("C2", phone: "+1 415 555 0100");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person("bob@acme.com", "(415) 555-0100")));
        Assert.Equal(new Match(Rules.AccountDomain, "C2", "A1"), Match.Of(result));
    }

    [Theory]
    [InlineData("gmail.com", "pat@gmail.com")]
    [InlineData("eu.gmail.com", "pat@eu.gmail.com")]
    [InlineData("gmail.com", "pat@eu.gmail.com")]
    public void Domain_rules_skip_a_free_mail_host_or_one_whose_registrable_domain_is_free_mail(string claimed, string address)
    {
        Crm crm = new Crm().Account("A1", domains: [claimed]).Contact("C1", "lee" + address[address.IndexOf('@', StringComparison.Ordinal)..], accountId: "A1");
        Assert.Equal(Rules.None, crm.Email(Act.Day, address).Participants[0].Rule);
    }

    [Fact]
    public void Step3_registrable_domain_match_is_reported_as_evidence()
    {
        Crm crm = new Crm().Account("A3").Contact("C4", "lee@us.hooli.co.uk", accountId: "A3");
        Assert.Equal("domain:hooli.co.uk", crm.Email(Act.Day, "sam@eu.hooli.co.uk").Participants[0].MatchedOn);
    }

    [Fact]
    public void Step3_account_of_colleagues_on_the_same_host()
    {
        Crm crm = new Crm().Account("A3").Contact("C4", "lee@hooli.io", accountId: "A3");
        Assert.Equal(new Match(Rules.ColleagueDomain, Account: "A3"), Match.Of(crm.Email(Act.Day, "sam@hooli.io")));
    }

    [Fact]
    public void Step3_account_of_colleagues_on_the_same_registrable_domain()
    {
        Crm crm = new Crm().Account("A3").Contact("C4", "lee@us.hooli.co.uk", accountId: "A3");
        Assert.Equal(new Match(Rules.ColleagueDomain, Account: "A3"),
            Match.Of(crm.Email(Act.Day, "sam@eu.hooli.co.uk")));
    }

    [Fact]
    public void Step3_colleague_on_a_subdomain_shares_the_registrable_domain_of_a_bare_host()
    {
        // sam's host is its own registrable domain; lee's host is not, but their registrable domains are equal.
        Crm crm = new Crm().Account("A3").Contact("C4", "lee@us.hooli.io", accountId: "A3");
        Assert.Equal(new Match(Rules.ColleagueDomain, Account: "A3"), Match.Of(crm.Email(Act.Day, "sam@hooli.io")));
    }

    [Fact]
    public void Step3_colleagues_on_the_same_host_are_preferred_to_the_registrable_domain()
    {
        Crm crm = new Crm().Account("A1").Account("A2")
            .Contact("C1", "a@hooli.io", accountId: "A1").Contact("C2", "b@hooli.io", accountId: "A1")
            .Contact("C3", "c@eu.hooli.io", accountId: "A2");
        Assert.Equal(["A2"], crm.Email(Act.Day, "sam@eu.hooli.io").Accounts);
    }

    [Fact]
    public void Step3_ignores_colleagues_without_an_account()
    {
        Crm crm = new Crm().Contact("C4", "lee@hooli.io");
        Assert.Equal(Rules.None, crm.Email(Act.Day, "sam@hooli.io").Participants[0].Rule);
    }

    [Fact]
    public void Step3_keeps_the_contact_found_without_an_account()
    {
        Crm crm = new Crm().Account("A3").Contact("C4", "lee@hooli.io", accountId: "A3").Contact("C5", "sam@hooli.io");
        Assert.Equal(new Match(Rules.ColleagueDomain, "C5", "A3"), Match.Of(crm.Email(Act.Day, "sam@hooli.io")));
    }

    [Fact]
    public void Step3_applies_only_when_step2_found_no_account()
    {
        Crm crm = new Crm().Account("A1", domains: ["hooli.io"]).Account("A3")
            .Contact("C4", "lee@hooli.io", accountId: "A3");
        Assert.Equal(new Match(Rules.AccountDomain, Account: "A1"), Match.Of(crm.Email(Act.Day, "sam@hooli.io")));
    }

    [Fact]
    public void Step4_lead_by_email()
    {
        Crm crm = new Crm().Lead("L1", "tom@initech.com");
        Assert.Equal(new Match(Rules.LeadEmail, Lead: "L1"), Match.Of(crm.Email(Act.Day, "tom@initech.com")));
    }

    [Fact]
    public void Step4_lead_by_phone()
    {
        Crm crm = new Crm().Lead("L1", phone: "+1 415 555 0100");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person(phone: "415.555.0100")));
        Assert.Equal(new Match(Rules.LeadPhone, Lead: "L1"), Match.Of(result));
    }

    [Fact]
    public void Step4_is_skipped_when_a_domain_account_was_found()
    {
        Crm crm = new Crm().Account("A1", domains: ["initech.com"]).Lead("L1", "tom@initech.com");
        Assert.Empty(crm.Email(Act.Day, "tom@initech.com").Leads);
    }

    [Fact]
    public void Step4_converted_lead_resolves_to_its_contact_and_account()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "tom@new-mail.com", accountId: "A1")
            .Lead("L1", "tom@initech.com", convertedContactId: "C1", convertedAccountId: "A1");
        Assert.Equal(new Match(Rules.ConvertedLead, "C1", "A1"), Match.Of(crm.Email(Act.Day, "tom@initech.com")));
    }

    [Fact]
    public void Step4_converted_lead_is_not_itself_associated()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "tom@new-mail.com", accountId: "A1")
            .Lead("L1", "tom@initech.com", convertedContactId: "C1", convertedAccountId: "A1");
        Assert.Empty(crm.Email(Act.Day, "tom@initech.com").Leads);
    }

    [Fact]
    public void Step4_converted_lead_names_the_lead_it_went_through()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "tom@new-mail.com", accountId: "A1")
            .Lead("L1", "tom@initech.com", convertedContactId: "C1");
        Assert.Equal("L1", crm.Email(Act.Day, "tom@initech.com").Participants[0].ConvertedLeadId);
    }

    [Fact]
    public void Step4_converted_lead_whose_contact_is_missing_stays_a_lead()
    {
        Crm crm = new Crm().Lead("L1", "tom@initech.com", convertedContactId: "C404");
        Assert.Equal(new Match(Rules.LeadEmail, Lead: "L1"), Match.Of(crm.Email(Act.Day, "tom@initech.com")));
    }

    [Fact]
    public void Step5_nothing_found_is_none()
    {
        AssociationResult result = new Crm().Email(Act.Day, "pat@nowhere.example");
        Assert.Equal(new Match(Rules.None), Match.Of(result));
    }

    [Fact]
    public void Step5_leaves_the_activity_unmatched()
    {
        AssociationResult result = new Crm().Email(Act.Day, "pat@nowhere.example");
        Assert.Equal(AssociationStatus.Unmatched, result.Status);
    }

    [Fact]
    public void Contact_without_account_and_no_domain_account_stays_alone()
    {
        Crm crm = new Crm().Contact("C2", "bob@nowhere.example");
        Assert.Equal(new Match(Rules.ContactEmail, "C2"), Match.Of(crm.Email(Act.Day, "bob@nowhere.example")));
    }

    [Fact]
    public void Contact_without_account_is_never_replaced_by_a_lead()
    {
        Crm crm = new Crm().Contact("C2", "bob@nowhere.example").Lead("L1", "bob@nowhere.example");
        Assert.Empty(crm.Email(Act.Day, "bob@nowhere.example").Leads);
    }

    [Fact]
    public void Contact_without_account_found_by_phone_stays_alone()
    {
        Crm crm = new Crm().Contact("C2", phone: "+1 415 555 0100");
        AssociationResult result = crm.Associate(Act.With(Act.Day, Act.Person(phone: "(415) 555-0100")));
        Assert.Equal(new Match(Rules.ContactPhone, "C2"), Match.Of(result));
    }

    [Theory]
    [InlineData("contact", "contact-email-subaddress")]
    [InlineData("lead", "lead-email-subaddress")]
    public void Sub_address_falls_back_to_the_untagged_address(string record, string rule)
    {
        Crm crm = record == "contact"
            ? new Crm().Account("A1").Contact("R1", "jane@acme.com", accountId: "A1")
            : new Crm().Lead("R1", "jane@acme.com");
        Assert.Equal(rule, crm.Email(Act.Day, "jane+deals@acme.com").Participants[0].Rule);
    }

    [Fact]
    public void Sub_address_is_first_looked_up_as_written()
    {
        Crm crm = new Crm().Account("A1")
            .Contact("C1", "jane@acme.com", accountId: "A1")
            .Contact("C2", "jane+deals@acme.com", accountId: "A1");
        Assert.Equal(new Match(Rules.ContactEmail, "C2", "A1"), Match.Of(crm.Email(Act.Day, "jane+deals@acme.com")));
    }

    [Fact]
    public void Sub_address_fallback_is_reported_as_evidence()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "jane@acme.com", accountId: "A1");
        Assert.Equal("email:jane@acme.com", crm.Email(Act.Day, "jane+deals@acme.com").Participants[0].MatchedOn);
    }

    [Fact]
    public void Untagged_address_does_not_match_a_tagged_record()
    {
        // Fallback only strips the participant's tag; it never adds one.
        Crm crm = new Crm().Contact("C1", "jane+deals@nowhere.example");
        Assert.Empty(crm.Email(Act.Day, "jane@nowhere.example").Contacts);
    }

    [Fact]
    public void Record_email_is_normalised_before_matching()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "Jane Doe <JANE@Acme.com.>", accountId: "A1");
        Assert.Equal(["C1"], crm.Email(Act.Day, "mailto:jane@acme.com").Contacts);
    }

    [Fact]
    public void Every_external_participant_contributes_its_ids()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "jane@acme.com", accountId: "A1").Lead("L1", "tom@initech.com");
        AssociationResult result = crm.Email(Act.Day, "jane@acme.com", "tom@initech.com");
        Assert.Equal(new Ids("C1", "A1", "L1"), Ids.Of(result));
    }

    [Fact]
    public void Ids_are_sorted_ordinally_without_duplicates()
    {
        Crm crm = new Crm().Account("a1").Account("B1")
            .Contact("c2", "x@acme.com", accountId: "a1").Contact("C10", "y@acme.com", accountId: "B1")
            .Contact("C9", "z@acme.com", accountId: "a1");
        AssociationResult result = crm.Email(Act.Day, "x@acme.com", "y@acme.com", "z@acme.com", "X@ACME.com");
        Assert.Equal(new Ids("C10,C9,c2", "B1,a1"), Ids.Of(result));
    }

    [Fact]
    public void Participant_results_follow_input_order()
    {
        Crm crm = new Crm().Lead("L1", "tom@initech.com").Lead("L2", "amy@initech.com");
        AssociationResult result = crm.Email(Act.Day, "tom@initech.com", "amy@initech.com");
        Assert.Equal(["L1", "L2"], result.Participants.Select(p => p.LeadId));
    }
}
