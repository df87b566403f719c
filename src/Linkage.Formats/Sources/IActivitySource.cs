namespace Linkage.Formats.Sources;

/// <summary>
/// One input file of activities in one format. <see cref="Read"/> streams its items in file order, each with
/// its location; a problem with one item, or with the whole file, is an item too, never an exception.
/// </summary>
public interface IActivitySource
{
    string Path { get; }

    ActivityFormat Format { get; }

    /// <summary>The file's size in bytes, for progress.</summary>
    long Length { get; }

    /// <summary>Bytes read so far, for progress.</summary>
    long Position { get; }

    /// <summary>Streams the items; enumerate once.</summary>
    IEnumerable<SourceItem> Read();
}
