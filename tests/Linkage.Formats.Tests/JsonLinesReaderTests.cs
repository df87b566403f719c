using System.Text;

namespace Linkage.Formats.Tests;

public class JsonLinesReaderTests
{
    private static List<(long Number, string Text)> ReadAll(byte[] bytes, int batch = 3)
    {
        using var reader = new JsonLinesReader(new MemoryStream(bytes));
        var all = new List<(long, string)>();
        for (List<NumberedLine> lines = reader.ReadBatch(batch); lines.Count > 0; lines = reader.ReadBatch(batch))
        {
            all.AddRange(lines.Select(l => (l.Number, Encoding.UTF8.GetString(l.Utf8.Span))));
        }

        return all;
    }

    [Fact]
    public void Blank_lines_are_skipped_but_counted()
    {
        Assert.Equal([(1L, "a"), (3L, "b"), (5L, "c")], ReadAll("a\n\nb\n  \nc\n"u8.ToArray()));
    }

    [Fact]
    public void Crlf_endings_and_a_missing_final_newline_are_handled()
    {
        Assert.Equal([(1L, "a"), (2L, "b")], ReadAll("a\r\nb"u8.ToArray()));
    }

    [Fact]
    public void A_byte_order_mark_is_dropped()
    {
        Assert.Equal([(1L, "{}")], ReadAll([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}', (byte)'\n']));
    }

    [Fact]
    public void A_line_longer_than_the_buffer_stays_whole()
    {
        string longLine = new('x', 200_000);
        Assert.Equal([(1L, longLine), (2L, "y")], ReadAll(Encoding.UTF8.GetBytes(longLine + "\ny\n")));
    }
}
