using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>
/// The index keeps one slot per key for users, contacts and leads together, and a single candidate without
/// an array: look-ups must still answer each kind separately, with none, one or many candidates in order.
/// </summary>
public class CrmIndexTests
{
    private static string Ids(params IEnumerable<string>[] lists) => string.Join(" | ", lists.Select(l => string.Join(",", l)));

    private static CrmIndex Index(Crm crm) => CrmIndex.Build(crm.Snapshot, new LinkageSettings(), ReferenceData.Bundled);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Contacts_sharing_an_email_come_back_best_first(int count)
    {
        var crm = new Crm().Account("A1");
        for (int i = 0; i < count; i++)
        {
            // Later ids are modified later, so the preferred order is the reverse of the snapshot's.
            crm.Contact($"C{i}", "jane@acme.com", accountId: "A1", modifiedAt: $"2026-01-0{i + 1}T00:00:00Z");
        }

        string[] expected = [.. Enumerable.Range(0, count).Reverse().Select(i => $"C{i}")];
        Assert.Equal(expected, Index(crm).ContactsByEmail("jane@acme.com").Select(c => c.Id));
    }

    [Fact]
    public void User_contact_and_lead_on_one_email_are_each_found()
    {
        CrmIndex index = Index(new Crm().User("U1", "sam@acme.com").Contact("C1", "sam@acme.com").Lead("L1", "sam@acme.com"));
        Assert.Equal("U1 | C1 | L1", Ids(index.UsersByEmail("sam@acme.com"), index.ContactsByEmail("sam@acme.com").Select(c => c.Id),
            index.LeadsByEmail("sam@acme.com").Select(l => l.Id)));
    }

    [Theory]
    [InlineData("contact,lead", " | C0 | L1")]
    [InlineData("lead,contact", " | C1 | L0")]
    [InlineData("user,contact,contact", "U0 | C2,C1 | ")]
    [InlineData("contact,user,lead,lead,contact", "U1 | C4,C0 | L3,L2")]
    [InlineData("lead,lead,lead", " |  | L2,L1,L0")]
    public void Records_of_several_kinds_on_one_email_are_each_found_best_first(string kinds, string expected)
    {
        // Each kind after the first on a key changes how the key's entry holds its records.
        var crm = new Crm().Account("A1");
        string[] order = kinds.Split(',');
        for (int i = 0; i < order.Length; i++)
        {
            string modified = $"2026-01-0{i + 1}T00:00:00Z";
            _ = order[i] switch
            {
                "user" => crm.User($"U{i}", "sam@acme.com"),
                "contact" => crm.Contact($"C{i}", "sam@acme.com", accountId: "A1", modifiedAt: modified),
                _ => crm.Lead($"L{i}", "sam@acme.com", modifiedAt: modified),
            };
        }

        CrmIndex index = Index(crm);
        Assert.Equal(expected, Ids(index.UsersByEmail("sam@acme.com"), index.ContactsByEmail("sam@acme.com").Select(c => c.Id),
            index.LeadsByEmail("sam@acme.com").Select(l => l.Id)));
    }

    [Fact]
    public void Phone_slot_holds_users_contacts_and_leads_apart_from_emails()
    {
        CrmIndex index = Index(new Crm().User("U1", phone: "+14155550100").Contact("C1", phone: "+14155550100")
            .Lead("L1", phone: "+14155550100"));
        Assert.Equal("U1 | C1 | L1 | ", Ids(index.UsersByPhone("+14155550100"), index.ContactsByPhone("+14155550100").Select(c => c.Id),
            index.LeadsByPhone("+14155550100").Select(l => l.Id), index.ContactsByEmail("+14155550100").Select(c => c.Id)));
    }

    [Fact]
    public void Account_listing_a_domain_as_website_and_in_domains_is_indexed_once()
    {
        CrmIndex index = Index(new Crm().Account("A1", website: "https://www.acme.com", domains: ["acme.com"]));
        Assert.Equal(["A1"], index.AccountsByDomain("acme.com").Select(a => a.Id));
    }

    [Fact]
    public void Domain_slot_answers_accounts_and_colleagues_separately()
    {
        CrmIndex index = Index(new Crm().Account("A1", domains: ["acme.com"]).Account("A2")
            .Contact("C1", "kim@acme.com", accountId: "A2"));
        Assert.Equal("A1 | A2:1", Ids(index.AccountsByDomain("acme.com").Select(a => a.Id),
            index.ColleaguesByHost("acme.com").Select(c => $"{c.AccountId}:{c.Contacts}")));
    }

    [Fact]
    public void Colleague_counts_once_per_host_and_once_per_registrable_domain()
    {
        // Two hosts under one registrable domain: one count on each host, one (not two) on the domain.
        CrmIndex index = Index(new Crm().Account("A1")
            .Contact("C1", ["kim@eu.acme.co.uk", "kim@us.acme.co.uk", "k.alias@eu.acme.co.uk"], accountId: "A1"));
        Assert.Equal("A1:1 | A1:1 | A1:1", Ids(index.ColleaguesByHost("eu.acme.co.uk").Select(c => $"{c.AccountId}:{c.Contacts}"),
            index.ColleaguesByHost("us.acme.co.uk").Select(c => $"{c.AccountId}:{c.Contacts}"),
            index.ColleaguesByRegistrableDomain("acme.co.uk").Select(c => $"{c.AccountId}:{c.Contacts}")));
    }

    [Fact]
    public void Free_mail_addresses_make_no_colleagues()
    {
        CrmIndex index = Index(new Crm().Account("A1").Contact("C1", ["kim@gmail.com", "kim@mail.yahoo.co.jp"], accountId: "A1"));
        Assert.Equal(0, index.ColleaguesByHost("gmail.com").Length + index.ColleaguesByRegistrableDomain("gmail.com").Length +
            index.ColleaguesByHost("mail.yahoo.co.jp").Length + index.ColleaguesByRegistrableDomain("yahoo.co.jp").Length);
    }

    [Fact]
    public void Deals_of_an_account_missing_from_the_snapshot_are_still_found()
    {
        CrmIndex index = Index(new Crm().Deal("D2", "A9").Deal("D1", "A9"));
        Assert.Equal("D1,D2 | no account", Ids(index.DealsOfAccount("A9").Select(d => d.Id), [index.Account("A9") is null ? "no account" : "account"]));
    }

    [Fact]
    public void Unknown_keys_find_nothing()
    {
        CrmIndex index = Index(new Crm().Account("A1", domains: ["acme.com"]).Contact("C1", "jane@acme.com", accountId: "A1"));
        Assert.Equal(0, index.ContactsByEmail("nobody@acme.com").Length + index.LeadsByPhone("+14155550199").Length +
            index.UsersByEmail("jane@acme.com").Length + index.AccountsByDomain("example.com").Length + index.DealsOfAccount("A1").Length);
    }

    [Fact]
    public void Contact_roles_are_found_on_deals_with_an_account_and_on_deals_without_one()
    {
        // D1's roles sit in its account's deal rows; D9 is not in the snapshot, so its role is kept apart.
        CrmIndex index = Index(new Crm().Account("A1").Contact("C1", accountId: "A1").Contact("C2", accountId: "A1")
            .Deal("D1", "A1").Deal("D2", "A1").Role("D1", "C1").Role("D9", "C2"));
        Assert.Equal("D1/C1,D9/C2", Ids(
            new[] { ("D1", "C1"), ("D1", "C2"), ("D2", "C1"), ("D9", "C2"), ("D9", "C1") }
                .Where(r => index.HasContactRole(r.Item1, r.Item2)).Select(r => $"{r.Item1}/{r.Item2}")));
    }

    [Fact]
    public void A_role_listed_twice_is_one_record()
    {
        CrmIndex once = Index(new Crm().Account("A1").Contact("C1", accountId: "A1").Deal("D1", "A1").Role("D1", "C1"));
        CrmIndex twice = Index(new Crm().Account("A1").Contact("C1", accountId: "A1").Deal("D1", "A1").Role("D1", "C1").Role("D1", "C1"));
        Assert.Equal(once.RecordCount, twice.RecordCount);
    }
}
