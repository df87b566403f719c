using System.Text;
using CsvHelper;

namespace Linkage.Formats.Text;

/// <summary>
/// A CSV export read row by row (bounded memory) with CsvHelper: encoding detected, header names matched
/// case-insensitively, quoted newlines kept inside their field, rows with broken quoting reported rather
/// than guessed at, and each row numbered by the line it starts on so a person can find it.
/// </summary>
public sealed class CsvTable : IDisposable
{
    private readonly FileStream _stream;
    private readonly CsvReader _reader;
    private readonly Queue<CsvRow> _malformed = new();
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    private CsvTable(string path, FileStream stream, Encoding encoding)
    {
        Path = path;
        _stream = stream;
        Encoding = encoding;
        var options = new CsvReaderOptions
        {
            // Exports are comma-separated; guessing would misread HubSpot's ';'-separated multi-value cells.
            Separator = ',',
            // null lets CsvHelper honour a byte-order mark, which it would otherwise keep as text.
            Encoding = encoding.CodePage == Encoding.UTF8.CodePage ? null : encoding,
            AllowLineBreaksInQuotes = true,
            // A quote that never closes must not pull a whole export into memory: no real row is this long.
            MaxRecordSize = 1 << 24,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            OnMalformedRecord = r =>
            {
                if (r.Reason != CsvMalformedReason.FieldCountMismatch)
                {
                    _malformed.Enqueue(new CsvRow(this, r.LineNumber, Describe(r.Reason)));
                }
            },
        };
        _reader = CsvReader.Create(stream, options, leaveOpen: true);
        try
        {
            Headers = [.. _reader.Headers.Select(h => h.Trim())];
        }
        catch (CsvFormatException ex)
        {
            throw new InputException(path, "line 1", $"unreadable header row: {ex.Message}", ex);
        }
    }

    public string Path { get; }

    public Encoding Encoding { get; }

    public IReadOnlyList<string> Headers { get; }

    public long Length => _stream.Length;

    public long Position => _stream.Position;

    /// <summary>Opens <paramref name="path"/>; a missing or unreadable file is an <see cref="InputException"/>.</summary>
    public static CsvTable Open(string path) => Open(path, long.MaxValue);

    /// <summary>Reads only the header row (for format detection); null when the file cannot be read as CSV.</summary>
    public static IReadOnlyList<string>? PeekHeaders(string path)
    {
        try
        {
            // The encoding of the first 64 KiB is enough to read a header; rows are not read.
            using CsvTable table = Open(path, 1 << 16);
            return table.Headers;
        }
        catch (InputException)
        {
            return null;
        }
    }

    private static CsvTable Open(string path, long encodingSample)
    {
        FileStream stream = InputFiles.OpenForReading(path);
        try
        {
            return new CsvTable(path, stream, TextEncodings.Detect(stream, encodingSample));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool Has(string column) => IndexOf(column) >= 0;

    /// <summary>The first of <paramref name="columns"/> that the file lacks, or null when it has them all.</summary>
    public string? Missing(params string[] columns) => columns.FirstOrDefault(c => !Has(c));

    /// <summary>The data rows in file order, a row whose quoting is broken included with its problem; blank lines are skipped.</summary>
    public IEnumerable<CsvRow> Rows()
    {
        while (true)
        {
            bool read;
            try
            {
                read = _reader.Read();
            }
            catch (CsvFormatException ex)
            {
                throw new InputException(Path, $"line {ex.LineNumber}", $"unreadable CSV: {ex.Message}", ex);
            }

            while (_malformed.TryDequeue(out CsvRow bad))
            {
                yield return bad;
            }

            if (!read)
            {
                yield break;
            }

            string[] fields = new string[_reader.FieldCount];
            bool blank = true;
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = _reader.GetString(i);
                blank &= string.IsNullOrWhiteSpace(fields[i]);
            }

            if (!blank)
            {
                yield return new CsvRow(this, _reader.LineNumber, fields);
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }

    /// <summary>A column's index, looked up once per name: readers ask for the same few columns on every row.</summary>
    internal int IndexOf(string column)
    {
        if (!_indexes.TryGetValue(column, out int i))
        {
            i = _reader.TryGetFieldIndex(column, out int found) ? found : -1;
            _indexes[column] = i;
        }

        return i;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that never ends",
        _ => $"malformed CSV ({reason})",
    };
}

/// <summary>One data row of a <see cref="CsvTable"/>, or a row that could not be read and why.</summary>
public readonly struct CsvRow
{
    private readonly CsvTable _table;
    private readonly string[] _fields;

    internal CsvRow(CsvTable table, long line, string[] fields)
    {
        _table = table;
        _fields = fields;
        Line = line;
    }

    internal CsvRow(CsvTable table, long line, string problem)
    {
        _table = table;
        _fields = [];
        Line = line;
        Problem = problem;
    }

    /// <summary>The line the row starts on, counting the header as line 1.</summary>
    public long Line { get; }

    /// <summary>Why the row could not be read, if it could not.</summary>
    public string? Problem { get; }

    /// <summary>The trimmed value of the first of <paramref name="columns"/> that has one; null when none has.</summary>
    public string? Get(params string[] columns)
    {
        foreach (string column in columns)
        {
            int i = _table.IndexOf(column);
            if (i >= 0 && i < _fields.Length && !string.IsNullOrWhiteSpace(_fields[i]))
            {
                return _fields[i].Trim();
            }
        }

        return null;
    }
}
