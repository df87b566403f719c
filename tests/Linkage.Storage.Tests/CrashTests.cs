using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Tests;

/// <summary>
/// Crash safety: the command line is started as a child process and killed with SIGKILL in the middle of a
/// CRM import, an activity import and an association run. Each time the store must still be sound, and
/// re-running the same command must finish the work with nothing lost and nothing doubled: the final
/// export and counts equal those of a store that was never interrupted.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linkage-crash-").FullName;

    [Fact]
    public void A_store_killed_mid_import_and_mid_association_completes_on_rerun_with_nothing_lost_or_doubled()
    {
        string world = Path.Combine(_dir, "world");
        Run(["generate", "--contacts", "30000", "--activities", "40000", "--seed", "7", "--out", world]);
        string crm = Path.Combine(world, "crm.json"), activities = Path.Combine(world, "activities.jsonl"), settings = Path.Combine(world, "settings.json");

        string clean = Path.Combine(_dir, "clean.db");
        Run(["import", "crm", crm, "--settings", settings, "--db", clean]);
        Run(["import", "activities", activities, "--db", clean]);
        Run(["associate", "--db", clean]);

        string killed = Path.Combine(_dir, "killed.db");
        KillWhen(["import", "crm", crm, "--settings", settings, "--db", killed], killed, "SELECT COUNT(*) FROM crm_records", 6_000);
        Run(["import", "crm", crm, "--settings", settings, "--db", killed]);
        KillWhen(["import", "activities", activities, "--db", killed], killed, "SELECT COUNT(*) FROM activities", 8_000);
        Run(["import", "activities", activities, "--db", killed]);
        KillWhen(["associate", "--db", killed], killed, "SELECT COUNT(*) FROM associations", 8_000);
        Run(["associate", "--db", killed]);

        Assert.Equal(Counts(clean), Counts(killed));
        Assert.Equal(Run(["export", "--db", clean]), Run(["export", "--db", killed]));
    }

    /// <summary>Starts the command and SIGKILLs it once <paramref name="probe"/> reaches <paramref name="atLeast"/> (committed rows).</summary>
    private static void KillWhen(string[] args, string db, string probe, long atLeast)
    {
        using Process child = Start(args, smallBatches: true);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(child.HasExited, $"linkage {args[0]} finished before it could be killed; make the world larger");
            if (File.Exists(db) && Count(db, probe) >= atLeast)
            {
                break;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "timed out waiting for the first commits");
            Thread.Sleep(10);
        }

        child.Kill();
        child.WaitForExit();
        using var c = Connect(db);
        using SqliteCommand check = c.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    private static long Count(string db, string sql)
    {
        try
        {
            using SqliteConnection c = Connect(db);
            using SqliteCommand cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return (long)cmd.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet, or the schema not yet migrated
        }
    }

    private static string Counts(string db) => string.Join(", ",
        new[] { "crm_records", "crm_keys", "activities", "associations", "activity_terms", "pending", "history" }
            .Select(t => $"{t}={Count(db, $"SELECT COUNT(*) FROM {t}")}"));

    private static SqliteConnection Connect(string db)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        c.Open();
        return c;
    }

    private static Process Start(string[] args, bool smallBatches = false)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Linkage.Cli.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        // Small transactions, so that a kill lands between commits as well as inside one.
        if (smallBatches)
        {
            start.Environment["LINKAGE_STORE_IMPORT_BATCH"] = "2000";
            start.Environment["LINKAGE_STORE_ASSOCIATE_BATCH"] = "2000";
        }
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the command to completion; returns its standard output.</summary>
    private static string Run(string[] args)
    {
        using Process p = Start(args);
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"linkage {string.Join(' ', args)} exited with {p.ExitCode}");
        return stdout;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
