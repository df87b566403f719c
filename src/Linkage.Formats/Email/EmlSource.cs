using Linkage.Formats.Sources;
using MimeKit;

namespace Linkage.Formats.Email;

/// <summary>One message in one <c>.eml</c> file (RFC 5322), parsed with MimeKit.</summary>
public sealed class EmlSource(string path) : IActivitySource
{
    private long _position;

    public string Path => path;

    public ActivityFormat Format => ActivityFormat.Eml;

    public long Length { get; } = InputFiles.LengthOf(path);

    public long Position => _position;

    public IEnumerable<SourceItem> Read()
    {
        SourceItem item = ReadMessage();
        _position = Length;
        yield return item;
    }

    private SourceItem ReadMessage()
    {
        var at = new SourceLocation(path, "message", 1);
        try
        {
            using FileStream stream = InputFiles.OpenForReading(path);
            // persistent: bodies stay in the file rather than being copied into memory; only headers are used.
            var parser = new MimeParser(stream, MimeFormat.Entity, persistent: true);
            (Core.Model.Activity? activity, string? problem) = EmailMapping.Map(parser.ParseMessage());
            return activity is not null ? SourceItem.Parsed(at, activity) : SourceItem.Malformed(at, problem!);
        }
        catch (FormatException ex)
        {
            return SourceItem.Malformed(at, $"not a mail message: {ex.Message}");
        }
        catch (InputException ex)
        {
            return SourceItem.Malformed(SourceLocation.WholeFile(path), ex.Problem);
        }
    }
}
