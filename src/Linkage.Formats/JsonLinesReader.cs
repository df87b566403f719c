
namespace Linkage.Formats;

/// <summary>One line of a JSON Lines file, numbered from 1, as UTF-8 bytes without its line ending.</summary>
public readonly record struct NumberedLine(long Number, ReadOnlyMemory<byte> Utf8);

/// <summary>
/// Streams a file line by line in bounded batches: memory is one batch, whatever the file's size.
/// A UTF-8 byte-order mark is skipped; blank lines are numbered but not returned.
/// </summary>
public sealed class JsonLinesReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private long _lineNumber;
    private bool _first = true;

    public JsonLinesReader(Stream stream) => _stream = stream;

    /// <summary>Bytes consumed so far, for progress.</summary>
    public long Position { get; private set; }

    /// <summary>Reads up to <paramref name="max"/> non-blank lines; an empty result means the end.</summary>
    public List<NumberedLine> ReadBatch(int max)
    {
        var lines = new List<NumberedLine>(max);
        while (lines.Count < max && TryReadLine(out ReadOnlySpan<byte> line))
        {
            _lineNumber++;
            ReadOnlySpan<byte> trimmed = line.TrimEnd((byte)'\r');
            if (_first)
            {
                _first = false;
                if (trimmed.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    trimmed = trimmed[3..];
                }
            }

            if (IsBlank(trimmed))
            {
                continue;
            }

            lines.Add(new NumberedLine(_lineNumber, trimmed.ToArray()));
        }

        return lines;
    }

    public void Dispose() => _stream.Dispose();

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t"u8) < 0;

    private bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = _buffer.AsSpan(_start, newline);
                _start += newline + 1;
                Position += newline + 1;
                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    Position += _end - _start;
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer: grow rather than split it.
            byte[] bigger = new byte[_buffer.Length * 2];
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            _buffer = bigger;
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
