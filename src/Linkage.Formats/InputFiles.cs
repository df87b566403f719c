namespace Linkage.Formats;

/// <summary>Opens input files, turning the file system's exceptions into <see cref="InputException"/>.</summary>
public static class InputFiles
{
    public static FileStream OpenForReading(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(path, null, ex is FileNotFoundException or DirectoryNotFoundException
                ? "file not found"
                : ex.Message, ex);
        }
    }

    /// <summary>A file's size in bytes for progress; 0 when it cannot be read (the reading reports why).</summary>
    public static long LengthOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }
}
