using Linkage.Formats.Sources;
using Linkage.Formats.Text;

namespace Linkage.Formats.Crm;

/// <summary>
/// What the CSV export readers share: rows mapped one at a time, a bad row recorded as a problem and
/// skipped, and the typed values of a row's fields.
/// </summary>
internal static class CsvRecords
{
    /// <summary>Maps every row of <paramref name="table"/>; <paramref name="map"/> returns false to drop a row quietly.</summary>
    public static void ReadRows(CsvTable table, List<SourceProblem> problems, Func<CsvRow, bool> map)
    {
        foreach (CsvRow row in table.Rows())
        {
            var at = new SourceLocation(table.Path, "line", row.Line);
            if (row.Problem is { } broken)
            {
                problems.Add(new SourceProblem(at, broken));
                continue;
            }

            try
            {
                _ = map(row);
            }
            catch (BadFieldException ex)
            {
                problems.Add(new SourceProblem(at, ex.Message));
            }
        }
    }

    /// <summary>Fails with a missing-header <see cref="InputException"/> unless the file has every column.</summary>
    public static void RequireHeaders(CsvTable table, params string[] columns)
    {
        if (table.Missing(columns) is { } missing)
        {
            throw new InputException(table.Path, "line 1", $"missing header '{missing}' (the header row has: {string.Join(", ", table.Headers)})");
        }
    }

    public static string Required(CsvRow row, string column) =>
        row.Get(column) ?? throw new BadFieldException($"missing {column}");

    public static DateTimeOffset? Instant(CsvRow row, params string[] columns)
    {
        string? text = row.Get(columns);
        if (text is null)
        {
            return null;
        }

        return VendorTime.TryParseInstant(text, out DateTimeOffset value)
            ? value
            : throw new BadFieldException($"{columns[0]} '{text}' is not a date and time");
    }

    public static DateOnly? Date(CsvRow row, params string[] columns)
    {
        string? text = row.Get(columns);
        if (text is null)
        {
            return null;
        }

        return VendorTime.TryParseDate(text, out DateOnly value)
            ? value
            : throw new BadFieldException($"{columns[0]} '{text}' is not a date");
    }

    public static bool? Bool(CsvRow row, string column)
    {
        string? text = row.Get(column);
        return text?.ToUpperInvariant() switch
        {
            null => null,
            "TRUE" or "1" or "YES" or "Y" => true,
            "FALSE" or "0" or "NO" or "N" => false,
            _ => throw new BadFieldException($"{column} '{text}' is not true or false"),
        };
    }

    /// <summary>The non-blank values of <paramref name="columns"/>, each split on ';' (how exports list many values in one cell), without repeats.</summary>
    public static List<string> Values(CsvRow row, params string[] columns)
    {
        var values = new List<string>();
        foreach (string column in columns)
        {
            foreach (string value in Split(row.Get(column)))
            {
                if (!values.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    values.Add(value);
                }
            }
        }

        return values;
    }

    public static IEnumerable<string> Split(string? cell) =>
        cell is null ? [] : cell.Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A person's name from a Name column, or from first and last names.</summary>
    public static string? Name(CsvRow row, string nameColumn, string firstColumn, string lastColumn)
    {
        if (row.Get(nameColumn) is { } name)
        {
            return name;
        }

        string joined = $"{row.Get(firstColumn)} {row.Get(lastColumn)}".Trim();
        return joined.Length == 0 ? null : joined;
    }
}

/// <summary>A field of a row that cannot be read; the row is skipped with this message.</summary>
internal sealed class BadFieldException : Exception
{
    public BadFieldException()
    {
    }

    public BadFieldException(string message)
        : base(message)
    {
    }

    public BadFieldException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
