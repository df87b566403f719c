using System.Text;

namespace Linkage.Formats.Text;

/// <summary>
/// Picks the encoding of a text export: a byte-order mark wins; otherwise the file is UTF-8 when every byte
/// of it decodes as UTF-8, and Windows-1252 when not. Older CRM and Excel exports say "Latin-1" but are
/// written as Windows-1252, which agrees with Latin-1 on every printable character and also decodes the
/// curly quotes and euro sign that Latin-1 leaves as control codes.
/// </summary>
public static class TextEncodings
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, or its first <paramref name="limit"/> bytes when only a
    /// header is wanted, and returns it to where it was.
    /// </summary>
    public static Encoding Detect(Stream stream, long limit = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long start = stream.Position;
        byte[] buffer = new byte[1 << 16];
        Decoder decoder = StrictUtf8.GetDecoder();
        bool first = true;
        try
        {
            int read;
            long total = 0;
            while (total < limit && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (first)
                {
                    first = false;
                    Encoding? marked = FromByteOrderMark(buffer.AsSpan(0, read));
                    if (marked is not null)
                    {
                        return marked;
                    }
                }

                _ = decoder.GetCharCount(buffer, 0, read, flush: false);
            }

            if (total < limit)
            {
                _ = decoder.GetCharCount([], 0, 0, flush: true);
            }

            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Windows1252;
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static Encoding? FromByteOrderMark(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? Encoding.UTF8
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
        : null;
}
