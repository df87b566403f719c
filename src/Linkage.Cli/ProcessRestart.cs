using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace Linkage.Cli;

/// <summary>
/// Replaces this process by the same command (same process id, arguments, streams and signals) with some
/// environment variables added. The runtime reads its collector's settings once, at start, so a command
/// that wants other settings than the ones the command line is built with starts again with them.
/// </summary>
internal static partial class ProcessRestart
{
    /// <summary>
    /// Execs this command again with <paramref name="variables"/> set; returns only when that could not be
    /// done (not Linux, the command line unreadable, or the exec failed), with the reason.
    /// </summary>
    public static string With(IReadOnlyDictionary<string, string> variables)
    {
        // Only the command line's own process is started again: run in another host (the tests run commands
        // in process) this would start that host again.
        if (System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name != "Linkage.Cli")
        {
            return "not the command line's own process";
        }

        if (!OperatingSystem.IsLinux() || Environment.ProcessPath is not { } host || CommandLine() is not { Length: > 0 } arguments)
        {
            return "not a Linux process whose command line can be read";
        }

        var environment = new List<string>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (!variables.ContainsKey((string)e.Key))
            {
                environment.Add($"{e.Key}={e.Value}");
            }
        }

        environment.AddRange(variables.Select(v => $"{v.Key}={v.Value}"));
        Console.Out.Flush();
        Console.Error.Flush();
        RemoveDiagnosticsSocket();
        Exec(host, arguments, [.. environment]);
        return $"exec failed with error {Marshal.GetLastPInvokeError()}";
    }

    /// <summary>
    /// The runtime's diagnostics socket (dotnet-counters, -trace, -stack and -gcdump connect to it) is named
    /// after the process id and start time, which the exec keeps: left in place, the new runtime could not
    /// listen on it, and those tools could not attach.
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
