using CsCheck;
using Linkage.Core.Index;

namespace Linkage.Core.Tests;

/// <summary>
/// The index's open-addressed table must answer exactly as a dictionary would: every key added finds its
/// slot (through growth, long probe runs and span look-ups), and nothing else finds one.
/// </summary>
public class KeyTableTests
{
    [Fact]
    public void Table_answers_as_a_dictionary_for_any_keys()
    {
        Gen.Select(Gen.String[0, 12].Array[0, 300], Gen.String[0, 12].Array[0, 50], Gen.Int[0, 64]).Sample((added, asked, capacity) =>
        {
            var table = new KeyTable<int>(capacity);
            var model = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string key in added)
            {
                table.GetOrAdd(key)++;
                model[key] = model.GetValueOrDefault(key) + 1;
            }

            return table.Count == model.Count &&
                added.Concat(asked).All(k => table.GetValueOrDefault(k) == model.GetValueOrDefault(k) && table.ContainsKey(k) == model.ContainsKey(k)) &&
                table.Values.Order().SequenceEqual(model.Values.Order());
        });
    }

    [Fact]
    public void Table_grows_past_the_capacity_it_was_made_with()
    {
        var table = new KeyTable<int>(capacity: 1);
        for (int i = 0; i < 10_000; i++)
        {
            table.GetOrAdd($"key{i}") = i;
        }

        Assert.True(Enumerable.Range(0, 10_000).All(i => table.GetValueOrDefault($"key{i}") == i));
    }

    [Fact]
    public void Span_key_finds_the_slot_its_string_made()
    {
        var table = new KeyTable<string?>(capacity: 4);
        table.GetOrAdd("acme.com") = "A1";
        Assert.Equal("A1", table.GetValueOrDefault("mail.acme.com".AsSpan(5)));
    }

    [Fact]
    public void Span_key_adds_a_slot_a_string_then_finds()
    {
        var table = new KeyTable<string?>(capacity: 4);
        table.GetOrAdd("kim@eu.acme.co.uk".AsSpan(4)) = "host";
        Assert.Equal("host", table.GetValueOrDefault("eu.acme.co.uk"));
    }

    [Fact]
    public void Empty_key_is_a_key_like_any_other()
    {
        var table = new KeyTable<int>(capacity: 4);
        table.GetOrAdd(string.Empty) = 7;
        Assert.Equal((7, false), (table.GetValueOrDefault(string.Empty), table.ContainsKey("x")));
    }

    [Fact]
    public void Look_up_with_a_prefetched_hash_answers_as_one_without()
    {
        // The prefetch is only a hint; a look-up given the hash it returned must find exactly what a plain one
        // finds, for keys present, absent, and sharing an entry's neighbourhood on a table of reference values.
        Gen.Select(Gen.String[0, 12].Array[0, 200], Gen.String[0, 12].Array[0, 50]).Sample((added, asked) =>
        {
            var table = new KeyTable<string?>(capacity: 4);
            foreach (string key in added)
            {
                table.GetOrAdd(key) = key + "!";
            }

            return added.Concat(asked).All(k =>
            {
                int hash = KeyTable<string?>.Hash(k);
                table.Prefetch(hash);
                table.PrefetchContents(hash);
                return table.GetValueOrDefault(k, hash) == table.GetValueOrDefault(k);
            });
        });
    }

    [Fact]
    public void Prefetch_of_a_value_table_leaves_its_slots_unchanged()
    {
        var table = new KeyTable<int>(capacity: 4);
        table.GetOrAdd("acme.com") = 3;
        int hash = KeyTable<int>.Hash("acme.com");
        table.Prefetch(hash);
        table.PrefetchContents(hash);
        Assert.Equal(3, table.GetValueOrDefault("acme.com", hash));
    }
}
