using Linkage.Core.Index;
using Linkage.Formats.Canonical;
using Linkage.Formats.HubSpot;
using Linkage.Formats.Salesforce;
using Linkage.Formats.Sources;
using Linkage.Formats.Text;

namespace Linkage.Formats.Crm;

/// <summary>
/// Reads the CRM given as <c>--crm</c>: a canonical JSON file, a Salesforce export folder, HubSpot export
/// files, or one CSV of either vendor; the format is told from names and headers unless it is forced.
/// </summary>
public static class CrmInputs
{
    /// <param name="path">A file or folder.</param>
    /// <param name="forced">The format, instead of telling it from names and headers.</param>
    /// <param name="prepared">
    /// Given the people of a canonical snapshot as they are read, to normalise their keys meanwhile (CSV exports
    /// are mapped after reading, so they do not use it).
    /// </param>
    public static CrmRead Read(string path, CrmFormat? forced = null, PreparedKeys? prepared = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool folder = Directory.Exists(path);
        if (!folder && !File.Exists(path))
        {
            throw new InputException(path, null, "file or folder not found");
        }

        string[] files = folder ? [.. VisibleFiles(path)] : [path];
        CrmFormat format = forced ?? Detect(path, files);
        return format switch
        {
            CrmFormat.Canonical => new CrmRead(SnapshotReader.ReadFile(SingleJson(path, files), prepared), CrmFormat.Canonical, []),
            CrmFormat.Salesforce => Salesforce(path, files, folder),
            _ => HubSpotExportReader.Read(files.Where(IsCsv)),
        };
    }

    /// <summary>The format of a CRM path, from file names and CSV headers.</summary>
    public static CrmFormat Detect(string path, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        // HubSpot first: its headers are unmistakable, while a renamed HubSpot export may be called contacts.csv.
        if (files.Where(IsCsv).Any(f => CsvTable.PeekHeaders(f) is { } h && HubSpotExportReader.ObjectOf(h) is not null))
        {
            return CrmFormat.HubSpot;
        }

        if (files.Any(f => IsCsv(f) && SalesforceExportReader.ObjectOf(f) is not null))
        {
            return CrmFormat.Salesforce;
        }

        if (files.Count(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) == 1 || (files.Count == 1 && !IsCsv(files[0])))
        {
            return CrmFormat.Canonical;
        }

        throw new InputException(path, null,
            "no CRM export recognised: expected a canonical JSON snapshot, HubSpot exports with a 'Record ID' column, or Salesforce " +
            "CSV files named after their objects (Account.csv, Contact.csv, …); --crm-format forces a format");
    }

    private static CrmRead Salesforce(string path, string[] files, bool folder)
    {
        if (!folder && SalesforceExportReader.ObjectOf(path) is null)
        {
            throw new InputException(path, null, "a Salesforce export file must be named after its object (Account.csv, Contact.csv, Lead.csv, Opportunity.csv, OpportunityContactRole.csv, User.csv)");
        }

        return SalesforceExportReader.Read(files.Where(IsCsv));
    }

    private static string SingleJson(string path, string[] files)
    {
        string[] json = files.Length == 1 ? files : [.. files.Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))];
        return json.Length == 1 ? json[0] : throw new InputException(path, null, "expected one canonical JSON snapshot file in the folder");
    }

    private static bool IsCsv(string file) => file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    internal static IEnumerable<string> VisibleFiles(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => !System.IO.Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);
}
