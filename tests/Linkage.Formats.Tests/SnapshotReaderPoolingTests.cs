using System.Text;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;

namespace Linkage.Formats.Tests;

/// <summary>
/// The snapshot reader shares one instance between equal ids and small-vocabulary values; what it reads must
/// not change, whatever the text (escapes, padding, length past the pool's limit, numbers).
/// </summary>
public class SnapshotReaderPoolingTests
{
    private static CrmSnapshot Read(string json) =>
        SnapshotReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "crm.json");

    [Fact]
    public void References_to_an_account_share_its_id()
    {
        CrmSnapshot s = Read("""
            {"users":[{"id":"U1","region":"US"}],
             "accounts":[{"id":"A1","ownerId":"U1"},{"id":"A2","parentId":"A1"}],
             "contacts":[{"id":"C1","accountId":"A1","region":"US"},{"id":"C2","accountId":"A1","region":"US"}],
             "leads":[{"id":"L1","isConverted":true,"convertedAccountId":"A1","convertedContactId":"C1"}],
             "deals":[{"id":"D1","accountId":"A1","ownerId":"U1","stage":"Proposal"},{"id":"D2","accountId":"A2","stage":"Proposal"}]}
            """);
        string account = s.Accounts[0].Id;
        Assert.All(new[] { s.Accounts[1].ParentId, s.Contacts[0].AccountId, s.Contacts[1].AccountId, s.Leads[0].ConvertedAccountId, s.Deals[0].AccountId },
            id => Assert.Same(account, id));
        Assert.Same(s.Users[0].Id, s.Accounts[0].OwnerId);
        Assert.Same(s.Users[0].Id, s.Deals[0].OwnerId);
        Assert.Same(s.Users[0].Region, s.Contacts[1].Region);
        Assert.Same(s.Deals[0].Stage, s.Deals[1].Stage);
    }

    [Fact]
    public void A_reference_read_before_its_record_is_still_shared()
    {
        CrmSnapshot s = Read("""{"contacts":[{"id":"C1","accountId":"A1"}],"accounts":[{"id":"A1"}]}""");
        Assert.Same(s.Contacts[0].AccountId, s.Accounts[0].Id);
    }

    [Fact]
    public void Escaped_and_padded_ids_read_as_before_and_are_shared()
    {
        CrmSnapshot s = Read("""
            {"accounts":[{"id":" A\u00e91 "}],
             "contacts":[{"id":"C1","accountId":"A\u00E91"},{"id":"C2","accountId":"\tAé1"},{"id":"C3","accountId":"  "},{"id":"C4","accountId":""}]}
            """);
        Assert.Equal("Aé1", s.Accounts[0].Id);
        Assert.Same(s.Accounts[0].Id, s.Contacts[0].AccountId);
        Assert.Same(s.Accounts[0].Id, s.Contacts[1].AccountId);
        Assert.Equal((null, null), (s.Contacts[2].AccountId, s.Contacts[3].AccountId));
    }

    [Fact]
    public void Values_keep_their_spaces_and_case()
    {
        CrmSnapshot s = Read("""{"contacts":[{"id":"C1","name":" Jane ","region":"us"},{"id":"C2","name":"Jane","region":"US"}]}""");
        Assert.Equal((" Jane ", "us", "Jane", "US"), (s.Contacts[0].Name, s.Contacts[0].Region, s.Contacts[1].Name, s.Contacts[1].Region));
    }

    [Fact]
    public void Values_longer_than_the_pool_takes_are_read_whole()
    {
        string longId = "A" + new string('x', StringPool.MaxLength * 2);
        string longName = string.Concat(Enumerable.Repeat("Ana María ", 20));
        CrmSnapshot s = Read($$"""
            {"accounts":[{"id":"{{longId}}"}],
             "contacts":[{"id":"C1","accountId":" {{longId}} ","name":"{{longName}}"},{"id":"C2","accountId":"{{longId}}","name":"{{longName}}"}]}
            """);
        Assert.Equal((longId, longId, longId), (s.Accounts[0].Id, s.Contacts[0].AccountId, s.Contacts[1].AccountId));
        Assert.Equal((longName, longName), (s.Contacts[0].Name, s.Contacts[1].Name));
    }

    [Fact]
    public void A_value_exactly_at_the_pool_limit_and_one_past_it_are_read_whole()
    {
        string atLimit = new('r', StringPool.MaxLength);
        string pastLimit = new('r', StringPool.MaxLength + 1);
        // Escapes make the text shorter than what was written; the limit is on what was written.
        string escapedAtLimit = string.Concat(Enumerable.Repeat("\\u0072", StringPool.MaxLength / 6)) + new string('r', StringPool.MaxLength % 6);
        CrmSnapshot s = Read($$"""{"contacts":[{"id":"C1","region":"{{atLimit}}"},{"id":"C2","region":"{{pastLimit}}"},{"id":"C3","region":"{{escapedAtLimit}}"}]}""");
        Assert.Equal((atLimit, pastLimit), (s.Contacts[0].Region, s.Contacts[1].Region));
        Assert.Equal(new string('r', (StringPool.MaxLength / 6) + (StringPool.MaxLength % 6)), s.Contacts[2].Region);
    }

    [Fact]
    public void Numeric_references_and_null_values_read_as_before()
    {
        CrmSnapshot s = Read("""{"contacts":[{"id":"C1","accountId":42,"region":null,"name":null}],"deals":[{"id":"D1","accountId":42,"stage":7}]}""");
        Assert.Equal(("42", null, null, "42", "7"), (s.Contacts[0].AccountId, s.Contacts[0].Region, s.Contacts[0].Name, s.Deals[0].AccountId, s.Deals[0].Stage));
    }

    [Fact]
    public void A_reference_of_the_wrong_type_names_its_field()
    {
        InputException ex = Assert.Throws<InputException>(() => Read("""{"contacts":[{"id":"C1","accountId":["A1"]}]}"""));
        Assert.Equal("accountId must be a string, found a list", ex.Problem);
    }

    [Fact]
    public void Invalid_utf8_in_a_pooled_field_is_an_input_error()
    {
        byte[] json = [.. "{\"contacts\":[{\"id\":\"C1\",\"region\":\""u8, 0xC3, 0x28, .. "\"}]}"u8];
        Assert.Throws<InputException>(() => SnapshotReader.Read(new MemoryStream(json), "crm.json"));
    }

    [Fact]
    public void Separate_reads_do_not_share_instances()
    {
        string json = """{"accounts":[{"id":"A1"}]}""";
        Assert.NotSame(Read(json).Accounts[0].Id, Read(json).Accounts[0].Id);
    }
}
