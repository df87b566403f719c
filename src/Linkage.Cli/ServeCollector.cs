using System.Runtime;

namespace Linkage.Cli;

/// <summary>
/// <c>serve</c> runs on the workstation garbage collector; every other command on the server collector the
/// command line is built with. The server collector suits runs that allocate gigabytes on every core
/// (associate, import), but in a server answering single requests it stops every thread for 10–50 ms every
/// few seconds, and those pauses were the tail of the latency (measured: docs/performance.md, "seventh
/// session"). The workstation collector pauses ~1–2 ms, more often. A process cannot change collector once
/// started, so <c>serve</c> replaces itself by the same command with <c>DOTNET_gcServer=0</c>
/// (<see cref="ProcessRestart"/>).
/// </summary>
/// <remarks>
/// Anyone who set <c>DOTNET_gcServer</c> chose a collector themselves, and keeps it.
/// </remarks>
internal static class ServeCollector
{
    internal const string Variable = "DOTNET_gcServer";

    /// <summary>The collector this process runs, as the server's banner names it.</summary>
    public static string Current => GCSettings.IsServerGC ? "server" : "workstation";

    /// <summary>
    /// Replaces this process by the same command on the workstation collector; returns only when it does
    /// not (already on it, the environment chose, or the restart failed: the note says so).
    /// </summary>
    public static void UseWorkstation(TextWriter stderr)
    {
        if (!GCSettings.IsServerGC || Environment.GetEnvironmentVariable(Variable) is not null || !OperatingSystem.IsLinux())
        {
            return;
        }

        stderr.Flush();
        string failure = ProcessRestart.With(new Dictionary<string, string> { [Variable] = "0" });
        stderr.WriteLine($"linkage: could not restart on the workstation collector ({failure}); serving on the server collector");
    }
}
