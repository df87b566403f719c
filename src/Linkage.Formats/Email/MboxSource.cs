using Linkage.Formats.Sources;
using MimeKit;

namespace Linkage.Formats.Email;

/// <summary>
/// A Unix mailbox streamed message by message with MimeKit's mbox parser: memory holds one message's
/// headers, whatever the mailbox's size (bodies are left in the file). Messages are numbered from 1 and
/// reported with the line their <c>From </c> marker is on.
/// </summary>
public sealed class MboxSource(string path) : IActivitySource
{
    private FileStream? _stream;
    private int _line;

    public string Path => path;

    public ActivityFormat Format => ActivityFormat.Mbox;

    public long Length { get; } = InputFiles.LengthOf(path);

    public long Position => _stream is { } s && s.CanRead ? s.Position : 0;

    public IEnumerable<SourceItem> Read()
    {
        using FileStream stream = InputFiles.OpenForReading(path);
        _stream = stream;
        var parser = new MimeParser(stream, MimeFormat.Mbox, persistent: true);
        parser.MimeMessageBegin += (_, e) =>
        {
            if (e.Parent is null)
            {
                _line = e.LineNumber;
            }
        };

        long number = 0;
        bool lost = false;
        while (!lost && !parser.IsEndOfStream)
        {
            number++;
            yield return Next(parser, number, out lost);
        }
    }

    private SourceItem Next(MimeParser parser, long number, out bool lost)
    {
        lost = false;
        try
        {
            MimeMessage message = parser.ParseMessage();
            var at = new SourceLocation(path, "message", number, _line);
            (Core.Model.Activity? activity, string? problem) = EmailMapping.Map(message);
            return activity is not null ? SourceItem.Parsed(at, activity) : SourceItem.Malformed(at, problem!);
        }
        catch (FormatException ex)
        {
            // MimeKit found no next "From " marker: what is left is not a mailbox, so reading stops here.
            lost = true;
            return SourceItem.Malformed(new SourceLocation(path, "message", number), $"not a mailbox message ({ex.Message}); the rest of the file");
        }
    }
}
