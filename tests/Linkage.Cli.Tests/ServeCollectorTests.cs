using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Linkage.Cli.Tests;

/// <summary><c>./linkage serve</c> runs on the workstation collector unless the environment chose one.</summary>
public sealed class ServeCollectorTests
{
    [Theory]
    [InlineData(null, "workstation")]
    [InlineData("0", "workstation")]
    [InlineData("1", "server")]
    public async Task Serve_runs_on_the_workstation_collector_unless_the_environment_chose(string? gcServer, string expected)
    {
        string banner = await ServeBannerAsync(gcServer);

        Assert.Contains($"({expected} collector)", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_changes_collector_in_its_own_process()
    {
        string environment = "";
        await ServeBannerAsync(null, pid => environment = File.ReadAllText($"/proc/{pid}/environ"));

        // The process started is the one serving: it was replaced in place, with the collector's variable.
        Assert.Contains("\0DOTNET_gcServer=0\0", "\0" + environment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnostics_tools_can_attach_to_serve_after_it_changed_collector()
    {
        bool listening = false;
        await ServeBannerAsync(null, pid =>
        {
            // Where dotnet-counters, -trace and -stack connect: the runtime's socket for this process id.
            string socket = Assert.Single(Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*-socket"));
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(socket));
            listening = client.Connected;
        });

        Assert.True(listening);
    }

    /// <summary>The 'serving …' line of a real serve process; <paramref name="serving"/> sees its process id while it serves.</summary>
    private static async Task<string> ServeBannerAsync(string? gcServer, Action<int>? serving = null)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("bash", ["linkage", "serve", "--samples", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("DOTNET_gcServer");
        if (gcServer is not null)
        {
            start.Environment["DOTNET_gcServer"] = gcServer;
        }

        using Process process = Process.Start(start)!;
        try
        {
            var banner = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line && line.StartsWith("linkage: serving ", StringComparison.Ordinal))
                {
                    banner.TrySetResult(line);
                }
            };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            Task done = await Task.WhenAny(banner.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
            Assert.True(done == banner.Task, "serve did not start");
            serving?.Invoke(process.Id);
            return await banner.Task;
        }
        finally
        {
            // SIGTERM, so that serve deletes its throw-away store of samples.
            using (Process term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
            }
        }
    }
}
