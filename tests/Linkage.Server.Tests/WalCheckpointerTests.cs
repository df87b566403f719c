using Linkage.Server.Hosting;
using Microsoft.Data.Sqlite;

namespace Linkage.Server.Tests;

/// <summary>The checkpoint thread's rounds: a busy store is tried again, anything else ends the thread.</summary>
public class WalCheckpointerTests
{
    [Theory]
    [InlineData(5)] // SQLITE_BUSY
    [InlineData(6)] // SQLITE_LOCKED
    public void Busy_store_is_tried_again_next_round(int code) =>
        Assert.False(WalCheckpointer.Round(() => throw new SqliteException("database is locked", code)));

    [Fact]
    public void Completed_checkpoint_reports_so() => Assert.True(WalCheckpointer.Round(() => { }));

    [Fact]
    public void Store_that_is_not_a_database_ends_the_thread() =>
        Assert.Throws<SqliteException>(() => WalCheckpointer.Round(() => throw new SqliteException("file is not a database", 26)));
}
