using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Api;

/// <summary>
/// The answer to a batch submission, <c>{"associations":[line, ...]}</c>, built as each chunk of the batch
/// is written. The lines are already canonical JSON: they are copied in as UTF-8, not parsed and re-written.
/// </summary>
/// <remarks>
/// The bytes live in a pooled buffer, so a chunk's lines (UTF-16 strings) die as soon as they are copied,
/// and a big answer neither stays alive as thousands of strings across collections nor costs fresh
/// large-object pages for every request (the kernel zeroes those page by page).
/// </remarks>
internal sealed class BatchAnswer : IResult
{
    private static ReadOnlySpan<byte> Head => "{\"associations\":["u8;

    private static ReadOnlySpan<byte> Tail => "]}"u8;

    private byte[] _buffer;
    private int _length;
    private int _lines;

    public BatchAnswer(int capacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, Head.Length + Tail.Length));
        Head.CopyTo(_buffer);
        _length = Head.Length;
    }

    /// <summary>Lines in the answer so far.</summary>
    public int Count => _lines;

    public void Add(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        int size = lines.Count + Tail.Length;
        foreach (string line in lines)
        {
            size += Encoding.UTF8.GetByteCount(line);
        }

        Reserve(size);
        foreach (string line in lines)
        {
            if (_lines++ > 0)
            {
                _buffer[_length++] = (byte)',';
            }

            _length += Encoding.UTF8.GetBytes(line, _buffer.AsSpan(_length));
        }
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        Reserve(Tail.Length);
        Tail.CopyTo(_buffer.AsSpan(_length));
        int length = _length + Tail.Length;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = length;
        try
        {
            await httpContext.Response.Body.WriteAsync(_buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Reserve(int more)
    {
        if (_buffer.Length - _length >= more)
        {
            return;
        }

        byte[] grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
