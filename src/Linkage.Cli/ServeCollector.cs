using System.Collections;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace Linkage.Cli;

/// <summary>
/// <c>serve</c> runs on the workstation garbage collector; every other command on the server collector the
/// command line is built with. The server collector suits runs that allocate gigabytes on every core
/// (associate, import), but in a server answering single requests it stops every thread for 10–50 ms every
/// few seconds, and those pauses were the tail of the latency (measured: docs/performance.md, "seventh
/// session"). The workstation collector pauses ~1–2 ms, more often. A process cannot change collector once
/// started, so <c>serve</c> replaces itself (same process id, arguments, streams and signals) by the same
/// command with <c>DOTNET_gcServer=0</c>.
/// </summary>
/// <remarks>
/// Anyone who set <c>DOTNET_gcServer</c> chose a collector themselves, and keeps it.
/// </remarks>
internal static partial class ServeCollector
{
    internal const string Variable = "DOTNET_gcServer";

    /// <summary>The collector this process runs, as the server's banner names it.</summary>
    public static string Current => GCSettings.IsServerGC ? "server" : "workstation";

    /// <summary>
    /// Replaces this process by the same command on the workstation collector; returns only when it does
    /// not (already on it, the environment chose, not Linux, or the exec failed: the note says so).
    /// </summary>
    public static void UseWorkstation(TextWriter stderr)
    {
        if (!GCSettings.IsServerGC || Environment.GetEnvironmentVariable(Variable) is not null || !OperatingSystem.IsLinux()
            || Environment.ProcessPath is not { } host || CommandLine() is not { Length: > 0 } arguments)
        {
            return;
        }

        var environment = new List<string>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{e.Key}={e.Value}");
        }

        environment.Add($"{Variable}=0");
        stderr.Flush();
        RemoveDiagnosticsSocket();
        Exec(host, arguments, [.. environment]);
        stderr.WriteLine($"linkage: could not restart on the workstation collector (error {Marshal.GetLastPInvokeError()}); serving on the server collector");
    }

    /// <summary>
    /// The runtime's diagnostics socket (dotnet-counters, -trace, -stack and -gcdump connect to it) is named
    /// after the process id and start time, which the exec keeps: left in place, the new runtime could not
    /// listen on it, and those tools could not attach to the server.
    /// </summary>
    private static void RemoveDiagnosticsSocket()
    {
        string folder = Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } tmp ? tmp : "/tmp";
        try
        {
            foreach (string socket in Directory.EnumerateFiles(folder, $"dotnet-diagnostic-{Environment.ProcessId}-*-socket"))
            {
                File.Delete(socket);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>This process's own arguments, exactly as started (the host's options and the app's path too).</summary>
    private static string[]? CommandLine()
    {
        try
        {
            string all = Encoding.UTF8.GetString(File.ReadAllBytes("/proc/self/cmdline"));
            return all.TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Exec(string path, string[] arguments, string[] environment)
    {
        var strings = new List<IntPtr>();
        IntPtr Native(string s)
        {
            IntPtr p = Marshal.StringToCoTaskMemUTF8(s);
            strings.Add(p);
            return p;
        }

        try
        {
            IntPtr[] argv = [.. arguments.Select(Native), IntPtr.Zero];
            IntPtr[] envp = [.. environment.Select(Native), IntPtr.Zero];
            _ = ExecVe(Native(path), argv, envp);
        }
        finally
        {
            // Reached only when the exec failed.
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int ExecVe(IntPtr path, IntPtr[] argv, IntPtr[] envp);
}
