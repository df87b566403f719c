using Linkage.Core.Normalisation;

namespace Linkage.Formats.Text;

/// <summary>
/// Maps the country a CRM record carries (a name such as "United States" or "Deutschland", or an ISO alpha-2
/// or alpha-3 code) to the ISO 3166 alpha-2 region the phone parser takes as its hint.
/// </summary>
public static class Countries
{
    private static readonly Dictionary<string, string> ByName = Load();

    /// <summary>The alpha-2 code, or null for a blank or unknown country or one the phone library does not know.</summary>
    public static string? ToRegion(string? country)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return null;
        }

        return ByName.TryGetValue(country.Trim(), out string? code) ? code : null;
    }

    private static Dictionary<string, string> Load()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using Stream stream = typeof(Countries).Assembly.GetManifestResourceStream("Linkage.Formats.Data.countries.tsv")
            ?? throw new InvalidOperationException("Embedded resource countries.tsv is missing from the build.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] names = line.Split('\t');
            if (!PhoneNumber.IsSupportedRegion(names[0]))
            {
                continue;
            }

            foreach (string name in names)
            {
                map.TryAdd(name.Trim(), names[0]);
            }
        }

        return map;
    }
}
