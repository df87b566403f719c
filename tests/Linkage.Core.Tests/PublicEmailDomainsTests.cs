using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

public class PublicEmailDomainsTests
{
    [Theory]
    [InlineData("gmail.com")]
    [InlineData("outlook.com")]
    [InlineData("yahoo.co.jp")]
    [InlineData("hotmail.com")]
    public void Bundled_list_knows_common_free_mail_domains(string domain) =>
        Assert.True(PublicEmailDomains.Bundled.Contains(domain));

    [Theory]
    [InlineData("acme.com")]
    [InlineData("globex.co.uk")]
    public void Bundled_list_does_not_hold_company_domains(string domain) =>
        Assert.False(PublicEmailDomains.Bundled.Contains(domain));

    [Fact]
    public void Bundled_list_has_thousands_of_entries() =>
        Assert.True(PublicEmailDomains.Bundled.Count > 1000, $"only {PublicEmailDomains.Bundled.Count} entries");

    [Fact]
    public void Additions_extend_the_bundled_list() =>
        Assert.True(PublicEmailDomains.Bundled.With(["My-ISP.example"]).Contains("my-isp.example"));

    [Fact]
    public void Additions_keep_the_bundled_entries() =>
        Assert.True(PublicEmailDomains.Bundled.With(["my-isp.example"]).Contains("gmail.com"));

    [Fact]
    public void Public_domain_gets_no_account_by_domain()
    {
        Crm crm = new Crm().Account("A1", domains: ["gmail.com"]);
        Assert.Equal(Rules.None, crm.Email(Act.Day, "pat@gmail.com").Participants[0].Rule);
    }

    [Fact]
    public void Public_domain_gets_no_account_through_colleagues()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "lee@gmail.com", accountId: "A1");
        Assert.Equal(Rules.None, crm.Email(Act.Day, "pat@gmail.com").Participants[0].Rule);
    }

    [Fact]
    public void Subdomain_of_a_public_domain_gets_no_domain_rules()
    {
        // The host is not on the list, but its registrable domain is.
        Crm crm = new Crm().Account("A1", domains: ["gmail.com"]);
        Assert.Equal(Rules.None, crm.Email(Act.Day, "pat@mail.gmail.com").Participants[0].Rule);
    }

    [Fact]
    public void Exact_email_on_a_public_domain_still_matches_a_contact()
    {
        Crm crm = new Crm().Account("A1").Contact("C1", "pat@gmail.com", accountId: "A1");
        Assert.Equal(["C1"], crm.Email(Act.Day, "pat@gmail.com").Contacts);
    }

    [Fact]
    public void Exact_email_on_a_public_domain_still_matches_a_lead()
    {
        Crm crm = new Crm().Lead("L1", "pat@gmail.com");
        Assert.Equal(["L1"], crm.Email(Act.Day, "pat@gmail.com").Leads);
    }

    [Fact]
    public void Settings_public_domain_blocks_domain_rules()
    {
        Crm crm = new Crm().Account("A1", domains: ["my-isp.example"]);
        var settings = new LinkageSettings { PublicEmailDomains = ["my-isp.example"] };
        Assert.Equal(Rules.None, crm.Email(settings, Act.Day, "pat@my-isp.example").Participants[0].Rule);
    }

    [Fact]
    public void Domain_not_on_any_list_gets_domain_rules()
    {
        Crm crm = new Crm().Account("A1", domains: ["my-isp.example"]);
        Assert.Equal(Rules.AccountDomain, crm.Email(Act.Day, "pat@my-isp.example").Participants[0].Rule);
    }
}
