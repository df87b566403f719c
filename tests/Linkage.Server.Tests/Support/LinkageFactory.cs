using Linkage.Server.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Linkage.Server.Tests.Support;

/// <summary>
/// The real server host (<see cref="ServerHost"/>, the one <c>linkage serve</c> runs), in-process on a
/// TestServer: the factory takes the host builder instead of looking for an entry point. Its type argument
/// only has to live in an assembly with an entry point and a deps file, which this test assembly has.
/// </summary>
public sealed class LinkageFactory(ServerOptions options) : WebApplicationFactory<LinkageFactory>
{
    protected override IHostBuilder CreateHostBuilder() => ServerHost.CreateHostBuilder(options);

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseContentRoot(AppContext.BaseDirectory);
}
