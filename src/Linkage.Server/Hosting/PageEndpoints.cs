using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Linkage.Server.Hosting;

/// <summary>
/// The web page: three plain files compiled into the assembly (wwwroot/), served as they are. The page
/// itself asks for the API key and calls <c>/api</c> like any client.
/// </summary>
internal static class PageEndpoints
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    private static readonly Dictionary<string, byte[]> Files = Types.Keys.ToDictionary(name => name, Load, StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => File("index.html")).ExcludeFromDescription();
        endpoints.MapGet("/app.js", () => File("app.js")).ExcludeFromDescription();
        endpoints.MapGet("/app.css", () => File("app.css")).ExcludeFromDescription();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult File(string name) => TypedResults.Bytes(Files[name], Types[name]);

    private static byte[] Load(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("page/" + name)
            ?? throw new InvalidOperationException($"the page asset {name} is not embedded in the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
