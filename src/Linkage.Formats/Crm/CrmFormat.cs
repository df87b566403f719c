namespace Linkage.Formats.Crm;

/// <summary>The CRM snapshot formats Linkage reads.</summary>
public enum CrmFormat
{
    /// <summary>formats.md's JSON document.</summary>
    Canonical,
    /// <summary>A folder of Salesforce Data Loader / Data Export CSV files.</summary>
    Salesforce,
    /// <summary>HubSpot's CSV exports of companies, contacts and deals.</summary>
    HubSpot,
}

/// <summary>The names of <see cref="CrmFormat"/> on the command line.</summary>
public static class CrmFormatNames
{
    public static IReadOnlyList<string> All { get; } = ["canonical", "salesforce", "hubspot"];

    public static string Name(CrmFormat format) => All[(int)format];

    public static bool TryParse(string? text, out CrmFormat format)
    {
        int i = text is null ? -1 : Array.IndexOf([.. All], text.Trim().ToLowerInvariant());
        format = i < 0 ? default : (CrmFormat)i;
        return i >= 0;
    }
}
