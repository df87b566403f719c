using Linkage.Formats.Text;

namespace Linkage.Formats.Tests.Text;

public class CsvTableTests
{
    [Fact]
    public void Headers_are_matched_whatever_their_case() =>
        Assert.Equal("jane@acme.com", Rows("ID,EMAIL\n1,jane@acme.com\n")[0].Get("Email"));

    [Fact]
    public void A_quoted_newline_stays_in_its_field() =>
        Assert.Equal("1 Market St\nFloor 3", Rows("Id,Street\n1,\"1 Market St\nFloor 3\"\n")[0].Get("Street"));

    [Fact]
    public void A_row_is_numbered_by_the_line_it_starts_on() =>
        Assert.Equal([2L, 4L], Rows("Id,Street\n1,\"a\nb\"\n2,c\n").Select(r => r.Line));

    [Fact]
    public void A_row_with_a_stray_quote_is_reported_not_guessed_at()
    {
        List<CsvRow> rows = Rows("Id,Name\n1,Jane\n2,Bo\"b\n3,Tom\n");
        Assert.Equal(["2: ", "3: a quote inside an unquoted field", "4: "], rows.Select(r => $"{r.Line}: {r.Problem}"));
    }

    [Fact]
    public void A_short_row_reads_its_missing_fields_as_absent() =>
        Assert.Null(Rows("Id,Name,Email\n1,Jane\n")[0].Get("Email"));

    [Fact]
    public void Blank_lines_are_skipped() => Assert.Single(Rows("Id\n\n1\n\n"));

    [Fact]
    public void Missing_names_the_first_absent_column()
    {
        using CsvTable table = CsvTable.Open(Fixture.Temp("t.csv", "Id,Name\n"));
        Assert.Equal("Email", table.Missing("Id", "Email", "Phone"));
    }

    private static List<CsvRow> Rows(string csv)
    {
        using CsvTable table = CsvTable.Open(Fixture.Temp("t.csv", csv));
        return [.. table.Rows()];
    }
}
