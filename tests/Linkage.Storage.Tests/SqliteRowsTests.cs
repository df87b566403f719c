using Linkage.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Tests;

public sealed class SqliteRowsTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteRowsTests()
    {
        _connection.Open();
        using SqliteCommand create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (a INTEGER, b TEXT, c TEXT, d REAL, e BLOB, f INTEGER)";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Each_row_is_written_with_its_values_as_the_reader_sees_them()
    {
        using var rows = new SqliteRows(_connection);
        rows.Execute("INSERT INTO t (a, b, c, d, e, f) VALUES (@a, @b, @c, @d, @e, @f)", ["@a", "@b", "@c", "@d", "@e", "@f"],
        [
            [1L, "Zoë <zoe@exämple.com> 📞", null, 2.5, new byte[] { 1, 2 }, true],
            [2, "", DBNull.Value, 0.0, Array.Empty<byte>(), false],
        ]);

        Assert.Equal(["1|Zoë <zoe@exämple.com> 📞|null|2.5|0102|1", "2||null|0|(empty)|0"], Read());
    }

    [Fact]
    public void An_empty_string_is_stored_as_empty_text_not_null()
    {
        using var rows = new SqliteRows(_connection);
        rows.Execute("INSERT INTO t (a, b) VALUES (@a, @b)", ["@a", "@b"], [[1L, ""]]);

        using SqliteCommand select = _connection.CreateCommand();
        select.CommandText = "SELECT typeof(b) || ':' || length(b) FROM t";
        Assert.Equal("text:0", select.ExecuteScalar());
    }

    [Fact]
    public void Strings_longer_than_the_reused_buffer_are_written_whole_and_later_short_ones_are_not_padded()
    {
        string longText = string.Concat(Enumerable.Repeat("Zoë 📞 ", 3_000));
        using var rows = new SqliteRows(_connection);
        rows.Execute("INSERT INTO t (a, b) VALUES (@a, @b)", ["@a", "@b"], [[1L, longText], [2L, "é"]]);

        Assert.Equal([$"1|{longText}|null|||", "2|é|null|||"], Read());
    }

    [Fact]
    public void A_name_used_twice_takes_one_value()
    {
        using var rows = new SqliteRows(_connection);
        rows.Execute("INSERT INTO t (a, f) VALUES (@a, @a + 1)", ["@a"], [[41L]]);

        Assert.Equal(["41||null|||42"], Read());
    }

    [Fact]
    public void A_failing_row_names_the_error_and_leaves_the_statement_usable()
    {
        using (SqliteCommand unique = _connection.CreateCommand())
        {
            unique.CommandText = "CREATE UNIQUE INDEX t_a ON t (a)";
            unique.ExecuteNonQuery();
        }

        using var rows = new SqliteRows(_connection);
        var error = Assert.Throws<SqliteException>(() => rows.Execute("INSERT INTO t (a) VALUES (@a)", ["@a"], [[1L], [1L]]));
        rows.Execute("INSERT INTO t (a) VALUES (@a)", ["@a"], [[2L]]);

        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Read().Count);
    }

    [Fact]
    public void A_reopened_connection_gets_its_statements_prepared_again()
    {
        string file = Path.Combine(Path.GetTempPath(), $"linkage-rows-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            using (SqliteCommand create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE r (a INTEGER)";
                create.ExecuteNonQuery();
            }

            using var rows = new SqliteRows(connection);
            const string Insert = "INSERT INTO r (a) VALUES (@a)";
            rows.Execute(Insert, ["@a"], [[1L]]);
            rows.Dispose();
            connection.Close();
            connection.Open();
            rows.Execute(Insert, ["@a"], [[2L]]);

            using SqliteCommand count = connection.CreateCommand();
            count.CommandText = "SELECT group_concat(a) FROM r";
            Assert.Equal("1,2", count.ExecuteScalar());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private List<string> Read()
    {
        using SqliteCommand select = _connection.CreateCommand();
        select.CommandText = "SELECT a, b, c, d, e, f FROM t ORDER BY a";
        using SqliteDataReader r = select.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            string blob = r.IsDBNull(4) ? "" : ((byte[])r.GetValue(4)) is { Length: > 0 } b ? Convert.ToHexString(b) : "(empty)";
            rows.Add(string.Join('|', r.GetInt64(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? "null" : r.GetString(2),
                r.IsDBNull(3) ? "" : r.GetDouble(3).ToString(System.Globalization.CultureInfo.InvariantCulture), blob, r.IsDBNull(5) ? "" : r.GetInt64(5).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
