using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>Spec §4, dialer calls: the only path on which association may reach the CRM's API.</summary>
public class DialerTests
{
    private const string Unknown = "+1 415 555 0199";

    /// <summary>Answers every look-up with the given records; counts what it was asked.</summary>
    private sealed class FakeCrmApi(IReadOnlyList<Contact>? contacts = null, IReadOnlyList<Lead>? leads = null) : IDialerLookup
    {
        public List<string> Asked { get; } = [];

        public DialerLookupResult Lookup(string phoneE164, Activity activity)
        {
            Asked.Add(phoneE164);
            return new DialerLookupResult(contacts ?? [], leads ?? [], ApiCalls: 1);
        }
    }

    private static readonly Contact Remote = new() { Id = "C77", AccountId = "A1", Phones = [Unknown] };

    private static Activity Call(bool dialer = true, ActivityType type = ActivityType.Call, string phone = Unknown) =>
        Act.With(Act.Day, Act.Person(phone: phone)) with { Type = type, Dialer = dialer };

    private static AssociationResult Run(Crm crm, Activity activity, IDialerLookup api) =>
        Associator.Create(crm.Snapshot, dialer: api).Associate(activity);

    [Fact]
    public void Dialer_call_phone_unknown_to_the_snapshot_is_looked_up()
    {
        var api = new FakeCrmApi([Remote]);
        AssociationResult result = Run(new Crm().Account("A1"), Call(), api);
        Assert.Equal(new Match(Rules.ContactPhone, "C77", "A1"), Match.Of(result));
    }

    [Fact]
    public void A_dialer_call_after_a_plain_call_with_the_same_number_is_still_looked_up()
    {
        // One associator, as a run uses: the plain call's "none" must not be replayed for the dialer call.
        var api = new FakeCrmApi([Remote]);
        Associator associator = Associator.Create(new Crm().Account("A1").Snapshot, dialer: api);
        associator.Associate(Call(dialer: false));
        Assert.Equal(new Match(Rules.ContactPhone, "C77", "A1"), Match.Of(associator.Associate(Call())));
    }

    [Fact]
    public void Looked_up_contact_brings_its_account_to_the_activity()
    {
        AssociationResult result = Run(new Crm().Account("A1"), Call(), new FakeCrmApi([Remote]));
        Assert.Equal(["A1"], result.Accounts);
    }

    [Fact]
    public void Looked_up_match_says_it_came_from_the_crm_api()
    {
        AssociationResult result = Run(new Crm(), Call(), new FakeCrmApi([Remote]));
        Assert.Equal("crm-api", result.Participants[0].Source);
    }

    [Fact]
    public void Api_calls_are_counted_in_the_output()
    {
        AssociationResult result = Run(new Crm(), Call(), new FakeCrmApi());
        Assert.Equal(1, result.CrmApiCalls);
    }

    [Fact]
    public void Api_lead_is_associated_as_a_lead()
    {
        var api = new FakeCrmApi(leads: [new Lead { Id = "L77", Phones = [Unknown] }]);
        Assert.Equal(new Match(Rules.LeadPhone, Lead: "L77"), Match.Of(Run(new Crm(), Call(), api)));
    }

    [Fact]
    public void Api_leads_are_tie_broken_like_snapshot_leads()
    {
        // L9 was converted to a contact with an account, which is what "has an account" means for a lead.
        var api = new FakeCrmApi(leads:
        [
            new Lead { Id = "L1", Phones = [Unknown], ModifiedAt = Time.At("2026-01-01T00:00:00Z") },
            new Lead { Id = "L9", Phones = [Unknown], IsConverted = true, ConvertedContactId = "C1" },
        ]);
        Crm crm = new Crm().Account("A1").Contact("C1", "tom@initech.com", accountId: "A1");
        Assert.Equal("L9", Run(crm, Call(), api).Participants[0].ConvertedLeadId);
    }

    [Theory]
    [InlineData(false, ActivityType.Call)]
    [InlineData(true, ActivityType.Meeting)]
    public void Only_dialer_calls_are_looked_up(bool dialer, ActivityType type)
    {
        var api = new FakeCrmApi([Remote]);
        Run(new Crm(), Call(dialer, type), api);
        Assert.Empty(api.Asked);
    }

    [Theory]
    [InlineData("contact")]
    [InlineData("lead")]
    public void Phone_known_to_the_snapshot_is_not_looked_up(string record)
    {
        var api = new FakeCrmApi([Remote]);
        Crm crm = record == "contact" ? new Crm().Contact("C1", phone: Unknown) : new Crm().Lead("L1", phone: Unknown);
        Run(crm, Call(), api);
        Assert.Empty(api.Asked);
    }

    [Fact]
    public void Invalid_phone_is_not_looked_up()
    {
        var api = new FakeCrmApi([Remote]);
        Run(new Crm(), Call(phone: "12"), api);
        Assert.Empty(api.Asked);
    }

    [Fact]
    public void Internal_participant_is_not_looked_up()
    {
        var api = new FakeCrmApi([Remote]);
        Run(new Crm().User("U1", phone: Unknown), Call(), api);
        Assert.Empty(api.Asked);
    }

    [Fact]
    public void Without_a_configured_api_nothing_is_looked_up()
    {
        AssociationResult result = new Crm().Associate(Call());
        Assert.Equal((Rules.None, 0), (result.Participants[0].Rule, result.CrmApiCalls));
    }
}
