using System.Reflection;

namespace Linkage.Core.Normalisation;

/// <summary>Reads the reference lists embedded in this assembly; they are immutable data, not state.</summary>
internal static class BundledData
{
    public static IEnumerable<string> ReadLines(string name)
    {
        using Stream stream = typeof(BundledData).Assembly.GetManifestResourceStream("Linkage.Core.Data." + name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
