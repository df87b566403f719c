using System.Diagnostics;

namespace Linkage.Cli.Tests;

/// <summary>The <c>./linkage</c> script a new user runs: builds when needed, then runs the command.</summary>
public sealed class LinkageScriptTests
{
    [Fact]
    public async Task The_script_associates_the_samples_from_the_repository_root()
    {
        var start = new ProcessStartInfo("bash", ["linkage", "associate", "--crm", "samples/crm.json", "--activities", "samples/activities.jsonl", "--settings", "samples/settings.json"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        int expected = File.ReadLines(RepositoryRoot.File("samples", "activities.jsonl")).Count(l => l.Trim().Length > 0);
        Assert.True(process.ExitCode == 0 && stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == expected, await stderr);
    }
}
