using Linkage.Server.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Linkage.Server.Tests.Support;

/// <summary>
/// The real server host (<see cref="ServerHost"/>, the one <c>linkage serve</c> runs), in-process on a
/// TestServer: the factory takes the host builder instead of looking for an entry point.
/// </summary>
public sealed class LinkageFactory(ServerOptions options) : WebApplicationFactory<ServerOptions>
{
    protected override IHostBuilder CreateHostBuilder() => ServerHost.CreateHostBuilder(options);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.UseContentRoot(AppContext.BaseDirectory);
}
