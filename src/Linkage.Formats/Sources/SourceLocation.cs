using System.Globalization;

namespace Linkage.Formats.Sources;

/// <summary>
/// Where an item was read: the file and the numbered unit in it (a line, row, message, call or event),
/// with the line it starts on when that differs from the unit's own number. Number 0 means the whole file.
/// </summary>
public readonly record struct SourceLocation(string File, string Unit, long Number, long? Line = null)
{
    public static SourceLocation WholeFile(string file) => new(file, "file", 0);

    public bool IsWholeFile => Number == 0;

    public override string ToString()
    {
        if (IsWholeFile)
        {
            return File;
        }

        string at = string.Create(CultureInfo.InvariantCulture, $"{File}: {Unit} {Number}");
        return Line is { } line ? string.Create(CultureInfo.InvariantCulture, $"{at} (line {line})") : at;
    }

    /// <summary>The sentence printed for a skipped item: <c>file: line 4: reason; line skipped</c>.</summary>
    public string Skipped(string problem) => $"{this}: {problem}; {Unit} skipped";
}
