using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>Spec §3: who is matched. Each participant is classified on its own, first match wins.</summary>
public class ClassificationTests
{
    private static readonly LinkageSettings Settings = new()
    {
        CompanyDomains = ["ourco.com"],
        SpamAddresses = ["offers@vendor.example"],
        SpamDomains = ["spammy.example"],
    };

    private static readonly Crm Snapshot = new Crm()
        .User("U1", email: "rep@ourco-mail.com", phone: "+1 650 555 0000");

    private static ParticipantClass Classify(Participant participant, LinkageSettings? settings = null) =>
        Snapshot.Associate(Act.With(Act.Day, participant), settings ?? Settings).Participants[0].Class;

    private static ParticipantClass Classify(string email, LinkageSettings? settings = null) =>
        Classify(Act.Person(email), settings);

    [Fact]
    public void Internal_by_affiliation() =>
        Assert.Equal(ParticipantClass.Internal,
            Classify(Act.Person("jane@acme.com", affiliation: Affiliation.Internal)));

    [Theory]
    [InlineData("me@ourco.com")]
    [InlineData("Me@OURCO.com")]
    [InlineData("me@eu.ourco.com")]
    [InlineData("me@a.b.ourco.com")]
    public void Internal_by_company_domain_or_its_subdomain(string email) =>
        Assert.Equal(ParticipantClass.Internal, Classify(email));

    [Theory]
    [InlineData("me@notourco.com")]
    [InlineData("me@ourco.com.evil.io")]
    public void Domain_that_only_resembles_the_company_domain_is_not_internal(string email) =>
        Assert.Equal(ParticipantClass.External, Classify(email));

    [Fact]
    public void Internal_by_user_email() =>
        Assert.Equal(ParticipantClass.Internal, Classify("Rep@ourco-mail.com"));

    [Fact]
    public void Internal_by_user_phone() =>
        Assert.Equal(ParticipantClass.Internal, Classify(Act.Person(phone: "(650) 555-0000")));

    [Fact]
    public void Internal_participant_is_remembered_as_its_user_id()
    {
        AssociationResult result = Snapshot.Associate(Act.With(Act.Day, Act.Person("rep@ourco-mail.com")), Settings);
        Assert.Equal("U1", result.Participants[0].UserId);
    }

    [Fact]
    public void Internal_participant_is_never_matched_to_a_contact()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "me@ourco.com", accountId: "A1");
        Assert.Empty(crm.Email(Settings, Act.Day, "me@ourco.com").Contacts);
    }

    [Fact]
    public void Internal_beats_spam()
    {
        var settings = Settings with { SpamDomains = ["ourco.com"] };
        Assert.Equal(ParticipantClass.Internal, Classify("me@ourco.com", settings));
    }

    [Theory]
    [InlineData("offers@vendor.example")]
    [InlineData("OFFERS@Vendor.example")]
    public void Spam_by_address(string email) =>
        Assert.Equal(ParticipantClass.Spam, Classify(email));

    [Fact]
    public void Other_address_on_a_spam_address_domain_is_not_spam() =>
        Assert.Equal(ParticipantClass.External, Classify("sales@vendor.example"));

    [Theory]
    [InlineData("anyone@spammy.example")]
    [InlineData("anyone@mail.spammy.example")]
    public void Spam_by_domain_or_its_subdomain(string email) =>
        Assert.Equal(ParticipantClass.Spam, Classify(email));

    [Fact]
    public void Spam_beats_automated() =>
        Assert.Equal(ParticipantClass.Spam, Classify("noreply@spammy.example"));

    [Theory]
    [InlineData("noreply")]
    [InlineData("no-reply")]
    [InlineData("no_reply")]
    [InlineData("donotreply")]
    [InlineData("do-not-reply")]
    [InlineData("do_not_reply")]
    [InlineData("mailer-daemon")]
    [InlineData("postmaster")]
    [InlineData("bounce")]
    [InlineData("bounces")]
    public void Automated_by_default_local_part(string localPart) =>
        Assert.Equal(ParticipantClass.Automated, Classify(localPart + "@acme.com"));

    [Theory]
    [InlineData("noreply+invoices@acme.com")]
    [InlineData("bounces+12345@acme.com")]
    [InlineData("NoReply@acme.com")]
    public void Automated_after_dropping_a_tag_and_case(string email) =>
        Assert.Equal(ParticipantClass.Automated, Classify(email));

    [Theory]
    [InlineData("noreplies@acme.com")]
    [InlineData("reply@acme.com")]
    [InlineData("jane.noreply@acme.com")]
    public void Local_part_that_only_contains_a_machine_name_is_not_automated(string email) =>
        Assert.Equal(ParticipantClass.External, Classify(email));

    [Fact]
    public void Automated_local_parts_setting_adds_its_own_names()
    {
        var settings = Settings with { AutomatedLocalParts = ["robot"] };
        Assert.Equal(ParticipantClass.Automated, Classify("robot@acme.com", settings));
    }

    [Fact]
    public void Automated_local_parts_setting_replaces_the_default_list()
    {
        var settings = Settings with { AutomatedLocalParts = ["robot"] };
        Assert.Equal(ParticipantClass.External, Classify("noreply@acme.com", settings));
    }

    [Fact]
    public void Empty_automated_local_parts_setting_turns_the_rule_off()
    {
        var settings = Settings with { AutomatedLocalParts = [] };
        Assert.Equal(ParticipantClass.External, Classify("noreply@acme.com", settings));
    }

    [Theory]
    [InlineData("not-an-email", null)]
    [InlineData(null, "12")]
    [InlineData("jane@", "call me")]
    [InlineData(null, null)]
    public void Invalid_when_neither_email_nor_phone_is_valid(string? email, string? phone) =>
        Assert.Equal(ParticipantClass.Invalid, Classify(Act.Person(email, phone)));

    [Fact]
    public void Invalid_email_is_kept_in_the_output_as_given()
    {
        AssociationResult result = Snapshot.Associate(Act.With(Act.Day, Act.Person(" not-an-email ")), Settings);
        Assert.Equal("not-an-email", result.Participants[0].Email);
    }

    [Fact]
    public void Invalid_email_is_reported_as_a_warning()
    {
        AssociationResult result = Snapshot.Associate(Act.With(Act.Day, Act.Person("not-an-email")), Settings);
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.InvalidEmail);
    }

    [Theory]
    [InlineData("jane@acme.com", null)]
    [InlineData(null, "(415) 555-0100")]
    [InlineData("not-an-email", "(415) 555-0100")]
    [InlineData("jane@acme.com", "12")]
    public void External_when_anything_valid_is_left(string? email, string? phone) =>
        Assert.Equal(ParticipantClass.External, Classify(Act.Person(email, phone)));

    [Fact]
    public void Only_external_participants_go_through_the_cascade()
    {
        Crm crm = new Crm().Account("A1", "acme.com");
        Assert.Null(crm.Email(Settings, Act.Day, "noreply@acme.com").Participants[0].Rule);
    }

    [Fact]
    public void Activity_of_internal_participants_only_is_internal()
    {
        AssociationResult result = Snapshot.Email(Settings, Act.Day, "me@ourco.com", "rep@ourco-mail.com");
        Assert.Equal(AssociationStatus.Internal, result.Status);
    }

    [Theory]
    [InlineData("pat@gmail.com")]
    [InlineData("noreply@acme.com")]
    [InlineData("offers@vendor.example")]
    [InlineData("not-an-email")]
    public void Activity_with_nothing_associated_and_someone_not_internal_is_unmatched(string other)
    {
        AssociationResult result = Snapshot.Email(Settings, Act.Day, "me@ourco.com", other);
        Assert.Equal(AssociationStatus.Unmatched, result.Status);
    }
}
