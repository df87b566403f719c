using Linkage.Core.Model;
using Linkage.Formats.Sources;

namespace Linkage.Formats.Tests;

/// <summary>The vendor fixtures copied next to the test assembly, and helpers to read them.</summary>
internal static class Fixture
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>A temporary file holding <paramref name="bytes"/>, deleted by the caller.</summary>
    public static string Temp(string name, byte[] bytes)
    {
        string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "linkage-formats-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string path = System.IO.Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string Temp(string name, string text) => Temp(name, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Every item of a source, decoded.</summary>
    public static List<(SourceLocation At, Activity? Activity, string? Problem)> ReadAll(IActivitySource source) =>
        [.. source.Read().Select(i => (i.Location, i.Decode())).Select(x => (x.Location, x.Item2.Activity, x.Item2.Problem))];

    public static List<Activity> Activities(IActivitySource source) => [.. ReadAll(source).Where(x => x.Activity is not null).Select(x => x.Activity!)];

    public static List<string> Problems(IActivitySource source) =>
        [.. ReadAll(source).Where(x => x.Problem is not null).Select(x => $"{x.At.Unit} {x.At.Number}: {x.Problem}")];

    public static string Describe(Participant p) =>
        string.Join("|", new[] { p.Email, p.Phone, p.Name, p.Role, p.Affiliation == Affiliation.Unknown ? null : p.Affiliation.ToString().ToLowerInvariant() }.Where(s => s is not null));
}
