using Linkage.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Linkage.Server.Hosting;

/// <summary>
/// Copies a SQLite store's write-ahead log into the database on a thread of its own, so that requests'
/// commits do not. SQLite checkpoints in the commit that takes the log past 1,000 pages; with a server
/// committing every request that was every few dozen commits, and that commit (and every request queued
/// behind the workspace's lock) waited for the checkpoint's copy and its two fsyncs: 20-60 ms. A passive
/// checkpoint runs beside writers and never blocks them, and one every few milliseconds keeps the log
/// short enough that commits rarely reach the size at which they would checkpoint themselves (they still
/// do if this thread falls behind, which bounds the log as before).
/// </summary>
internal sealed class WalCheckpointer : IHostedService, IDisposable
{
    // Short enough that the log rarely reaches 1,000 pages between two checkpoints at 1,000 small commits/s.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly string? _path;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    public WalCheckpointer(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // PostgreSQL has no such log, and an in-memory database no file to copy it to.
        _path = LinkageStore.IsPostgres(options.Store) || options.Store == ":memory:" ? null : options.Store;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_path is not null)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "Linkage WAL checkpoint" };
            _thread.Start();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stop.Cancel();
        _thread?.Join();
        return Task.CompletedTask;
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>
    /// Runs one checkpoint; false when the store was busy. Another connection may hold what a checkpoint
    /// needs for a moment (a VACUUM, a schema change, another process's checkpoint): the next round tries
    /// again, where any other failure ends the thread.
    /// </summary>
    internal static bool Round(Action checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        try
        {
            checkpoint();
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            return false;
        }
    }

    private void Run()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        using var connection = new SqliteConnection(builder.ConnectionString);
        using SqliteCommand checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        try
        {
            connection.Open();
            while (!_stop.Token.WaitHandle.WaitOne(Interval))
            {
                // Nothing to copy costs a look at the shared log index.
                Round(() => checkpoint.ExecuteNonQuery());
            }
        }
        catch (SqliteException)
        {
            // The store went away or is not a database: the commits' own checkpoints still keep the log bounded.
        }
    }
}
