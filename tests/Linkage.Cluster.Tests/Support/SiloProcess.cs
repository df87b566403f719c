using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Linkage.Cluster.Tests.Support;

/// <summary>
/// A real <c>./linkage serve --cluster</c> process on a loopback port, with fast failure detection so a
/// killed silo is declared dead in seconds. <see cref="Kill"/> sends SIGKILL: no shutdown, no goodbye.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private static readonly SemaphoreSlim BuildGate = new(1, 1);
    private static bool _built;
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The silo's endpoint ("127.0.0.1:port"), as grains report where they run.</summary>
    public string Silo { get; private set; } = "";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public bool Killed { get; private set; }

    public static async Task<SiloProcess> StartAsync(string connection)
    {
        await EnsureBuiltAsync();
        string url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("bash", ["linkage", "serve", "--cluster", connection, "--urls", url, "--fast-failover", "--rate-limit", "0"])
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var silo = new SiloProcess(process, url);
        process.ErrorDataReceived += (_, e) => silo.Line(e.Data);
        process.OutputDataReceived += (_, e) => silo.Line(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Task exited = process.WaitForExitAsync();
        Task first = await Task.WhenAny(silo._ready.Task, exited, Task.Delay(TimeSpan.FromMinutes(3)));
        if (first != silo._ready.Task)
        {
            await silo.DisposeAsync();
            throw new InvalidOperationException($"the silo did not start ({(first == exited ? "it exited" : "3 minutes passed")}):\n{silo.Log}");
        }

        silo.Silo = await silo._ready.Task;
        return silo;
    }

    /// <summary>SIGKILL.</summary>
    public void Kill()
    {
        Killed = true;
        _process.Kill(entireProcessTree: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(wait.Token);
        _process.Dispose();
    }

    /// <summary>One build of the command line before silos start together (./linkage builds when stale).</summary>
    public static async Task EnsureBuiltAsync()
    {
        await BuildGate.WaitAsync();
        try
        {
            if (_built)
            {
                return;
            }

            using var build = Process.Start(new ProcessStartInfo("bash", ["linkage", "--help"])
            {
                WorkingDirectory = Repo.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            Task<string> errors = build.StandardError.ReadToEndAsync();
            await build.StandardOutput.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await build.WaitForExitAsync(limit.Token);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException("./linkage did not build: " + await errors);
            }

            _built = true;
        }
        finally
        {
            BuildGate.Release();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (SiloLine().Match(line) is { Success: true } m)
        {
            _ready.TrySetResult(m.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"^linkage: silo (\S+) ")]
    private static partial Regex SiloLine();
}
