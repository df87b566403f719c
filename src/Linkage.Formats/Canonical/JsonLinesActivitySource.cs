using Linkage.Formats.Sources;

namespace Linkage.Formats.Canonical;

/// <summary>
/// formats.md's JSON Lines. Lines are handed on undecoded (<see cref="SourceItem.CanonicalLine"/>), so the
/// JSON parse runs in the caller's parallel stage as it did before sources existed.
/// </summary>
public sealed class JsonLinesActivitySource(string path) : IActivitySource
{
    // Lines are read ahead of the associating stage; small chunks keep them young for the GC.
    private const int ChunkLines = 1024;
    private JsonLinesReader? _reader;

    public string Path => path;

    public ActivityFormat Format => ActivityFormat.Canonical;

    public long Length { get; } = InputFiles.LengthOf(path);

    public long Position => _reader?.Position ?? 0;

    public IEnumerable<SourceItem> Read()
    {
        using var reader = new JsonLinesReader(InputFiles.OpenForReading(path));
        _reader = reader;
        List<NumberedLine> chunk;
        while ((chunk = reader.ReadBatch(ChunkLines)).Count > 0)
        {
            foreach (NumberedLine line in chunk)
            {
                yield return SourceItem.CanonicalLine(new SourceLocation(path, "line", line.Number), line.Utf8);
            }
        }
    }
}
