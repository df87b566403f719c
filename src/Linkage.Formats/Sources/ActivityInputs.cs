using Linkage.Formats.Calendar;
using Linkage.Formats.Canonical;
using Linkage.Formats.Email;
using Linkage.Formats.Gong;
using Linkage.Formats.Twilio;

namespace Linkage.Formats.Sources;

/// <summary>
/// The activity inputs of a run (<c>--activities</c>, repeatable, each a file or a folder) as one stream of
/// items: the paths in the order given, a folder's files in ordinal order of their paths (hidden files and
/// folders left out), each file read by the source for its format. A file that fails part-way is reported
/// as one item and the next file is read.
/// </summary>
public sealed class ActivityInputs
{
    private readonly IReadOnlyList<Planned> _files;
    private long _finishedBytes;
    private IActivitySource? _current;

    private ActivityInputs(IReadOnlyList<Planned> files)
    {
        _files = files;
        Length = files.Sum(f => f.Source?.Length ?? 0);
    }

    /// <summary>The sources, in reading order; null for a file whose format is not recognised.</summary>
    public IReadOnlyList<IActivitySource?> Sources => [.. _files.Select(f => f.Source)];

    public long Length { get; }

    /// <summary>Bytes read so far over all files, for progress.</summary>
    public long Position => _finishedBytes + (_current?.Position ?? 0);

    /// <summary>
    /// Plans the reading of <paramref name="paths"/>; a path that does not exist is an <see cref="InputException"/>
    /// (nothing is read), while a file in a folder whose format is unknown becomes a reported item.
    /// </summary>
    public static ActivityInputs Open(IEnumerable<string> paths, ActivityFormat? forced, CalendarWindow window)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<Planned>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(FilesUnder(path).Select(f => Plan(f, forced, window)));
            }
            else if (File.Exists(path))
            {
                files.Add(Plan(path, forced, window));
            }
            else
            {
                throw new InputException(path, null, "file not found");
            }
        }

        return new ActivityInputs(files);
    }

    /// <summary>The source that reads <paramref name="path"/> as <paramref name="format"/>.</summary>
    public static IActivitySource Create(string path, ActivityFormat format, CalendarWindow window) => format switch
    {
        ActivityFormat.Canonical => new JsonLinesActivitySource(path),
        ActivityFormat.Gong => new GongCallsSource(path),
        ActivityFormat.Eml => new EmlSource(path),
        ActivityFormat.Mbox => new MboxSource(path),
        ActivityFormat.Ics => new IcsSource(path, window),
        _ => new TwilioCallLogSource(path),
    };

    /// <summary>Every item of every file, in order; enumerate once.</summary>
    public IEnumerable<SourceItem> Read()
    {
        foreach (Planned file in _files)
        {
            if (file.Source is not { } source)
            {
                yield return SourceItem.Malformed(SourceLocation.WholeFile(file.Path),
                    $"format not recognised (give --activities-format {string.Join("|", ActivityFormatNames.All)})");
                continue;
            }

            _current = source;
            using IEnumerator<SourceItem> items = source.Read().GetEnumerator();
            while (true)
            {
                (bool more, SourceItem item) = Next(items, source);
                if (!more)
                {
                    break;
                }

                yield return item;
                if (item.Location.IsWholeFile)
                {
                    break;
                }
            }

            _current = null;
            _finishedBytes += source.Length;
        }
    }

    /// <summary>The next item; a reader that throws ends its file with one reported item instead of ending the run.</summary>
    private static (bool More, SourceItem Item) Next(IEnumerator<SourceItem> items, IActivitySource source)
    {
        try
        {
            return items.MoveNext() ? (true, items.Current) : (false, default);
        }
        catch (InputException ex)
        {
            return (true, SourceItem.Malformed(SourceLocation.WholeFile(ex.File), ex.Place is null ? ex.Problem : $"{ex.Place}: {ex.Problem}"));
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            // A parsing library failing on input it did not expect (a bad recurrence rule, a truncated
            // file) costs that file, not the run, and is told as a sentence rather than a stack trace.
            return (true, SourceItem.Malformed(SourceLocation.WholeFile(source.Path), $"cannot be read further: {ex.Message}"));
        }
    }

    private static Planned Plan(string path, ActivityFormat? forced, CalendarWindow window) =>
        (forced ?? ActivityFormatDetector.Detect(path)) is { } format ? new Planned(path, Create(path, format, window)) : new Planned(path, null);

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
            .Where(f => !System.IO.Path.GetRelativePath(folder, f).Split(System.IO.Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal);

    private sealed record Planned(string Path, IActivitySource? Source);
}
