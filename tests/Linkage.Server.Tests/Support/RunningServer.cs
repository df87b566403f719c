using Linkage.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Linkage.Server.Tests.Support;

/// <summary>The server on a real loopback port (Kestrel picks a free one), for a real browser.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly IHost _host;

    private RunningServer(IHost host, string url)
    {
        _host = host;
        Url = url;
    }

    public string Url { get; }

    public static async Task<RunningServer> StartAsync(ServerOptions options)
    {
        IHost host = ServerHost.CreateHostBuilder(options with { Urls = "http://127.0.0.1:0" }).Build();
        await host.StartAsync();
        string url = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(host, url.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
