using System.Text;
using Linkage.Formats.Text;

namespace Linkage.Formats.Tests.Text;

public class TextEncodingsTests
{
    [Fact]
    public void Valid_utf8_without_a_mark_is_utf8() =>
        Assert.Equal(Encoding.UTF8.CodePage, Detect(Encoding.UTF8.GetBytes("Name\nMüller\n")).CodePage);

    [Fact]
    public void A_utf8_byte_order_mark_is_utf8() =>
        Assert.Equal(Encoding.UTF8.CodePage, Detect([0xEF, 0xBB, 0xBF, .. "Name\n"u8]).CodePage);

    [Fact]
    public void A_utf16_byte_order_mark_is_utf16() =>
        Assert.Equal(Encoding.Unicode.CodePage, Detect([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Name\n")]).CodePage);

    [Fact]
    public void Bytes_that_are_not_utf8_are_read_as_windows_1252() =>
        Assert.Equal(1252, Detect(TextEncodings.Windows1252.GetBytes("Name\nSociété Générale\n")).CodePage);

    [Fact]
    public void An_invalid_byte_far_into_the_file_still_switches_to_windows_1252()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(new string('a', 200_000)), 0xE9, (byte)'\n'];
        Assert.Equal(1252, Detect(bytes).CodePage);
    }

    [Fact]
    public void A_sampled_detection_for_headers_reads_only_the_sample()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(new string('a', 200_000)), 0xE9, (byte)'\n'];
        Assert.Equal(Encoding.UTF8.CodePage, TextEncodings.Detect(new MemoryStream(bytes), limit: 1 << 16).CodePage);
    }

    [Fact]
    public void Detection_leaves_the_stream_where_it_was()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("abc"));
        TextEncodings.Detect(stream);
        Assert.Equal(0, stream.Position);
    }

    private static Encoding Detect(byte[] bytes) => TextEncodings.Detect(new MemoryStream(bytes));
}
