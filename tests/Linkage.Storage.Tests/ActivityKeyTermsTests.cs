using System.Text;
using Linkage.Storage.Sql;

namespace Linkage.Storage.Tests;

/// <summary>The document of terms SQLite's key index files an activity under: each key whole, as UTF-8 hex.</summary>
public sealed class ActivityKeyTermsTests
{
    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "e:a@b.co" }, "653a6140622e636f")]
    [InlineData(new[] { "d:acme.com", "i:C1" }, "643a61636d652e636f6d 693a4331")]
    [InlineData(new[] { "e:zoë@ü.de" }, "653a7a6fc3ab40c3bc2e6465")]
    public void Keys_become_their_utf8_in_lowercase_hex_separated_by_spaces(string[] keys, string terms) =>
        Assert.Equal(terms, ActivityKeyTerms.Terms(keys));

    [Fact]
    public void A_key_longer_than_the_stack_buffer_is_encoded_whole()
    {
        // 300 non-ASCII characters: 600 bytes of UTF-8, past the 256 bytes encoded on the stack.
        string key = "e:" + new string('é', 300) + "@x.io";

        string terms = ActivityKeyTerms.Terms(["i:A1", key, "p:+4930123"]);

        Assert.Equal(string.Join(' ', new[] { "i:A1", key, "p:+4930123" }.Select(k => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(k)))), terms);
    }
}
