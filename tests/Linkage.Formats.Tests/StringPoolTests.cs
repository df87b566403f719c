using Linkage.Formats.Canonical;

namespace Linkage.Formats.Tests;

public class StringPoolTests
{
    [Fact]
    public void Equal_text_gives_one_instance()
    {
        var pool = new StringPool(capacity: 10);
        string first = pool.Get("A17".AsSpan());
        Assert.Same(first, pool.Get(new string(['A', '1', '7']).AsSpan()));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Text_is_compared_exactly()
    {
        var pool = new StringPool(capacity: 10);
        string[] values = [pool.Get("a1".AsSpan()), pool.Get("A1".AsSpan()), pool.Get("a1 ".AsSpan()), pool.Get("".AsSpan())];
        Assert.Equal(["a1", "A1", "a1 ", ""], values);
        Assert.Equal(4, pool.Count);
    }

    [Fact]
    public void Past_its_capacity_a_new_value_is_returned_but_not_remembered()
    {
        var pool = new StringPool(capacity: 1);
        string a = pool.Get("a".AsSpan());
        string b = pool.Get("b".AsSpan());
        Assert.Equal(("b", 1), (b, pool.Count));
        Assert.NotSame(b, pool.Get("b".AsSpan()));
        Assert.Same(a, pool.Get("a".AsSpan()));
    }
}
