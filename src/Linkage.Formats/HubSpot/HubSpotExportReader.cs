using System.Text.RegularExpressions;
using Linkage.Core.Model;
using Linkage.Formats.Crm;
using Linkage.Formats.Sources;
using Linkage.Formats.Text;
using static Linkage.Formats.Crm.CsvRecords;

namespace Linkage.Formats.HubSpot;

/// <summary>
/// Reads HubSpot's CSV exports of companies, contacts and deals, with the property labels HubSpot writes as
/// headers. Which object a file holds is told by its headers (HubSpot names export files freely). Owners
/// are exported by name, so each distinct owner becomes a user whose id is the owner as written.
/// </summary>
public static partial class HubSpotExportReader
{
    private static readonly string[] IdColumns = ["Record ID", "hs_object_id", "Company ID", "Contact ID", "Deal ID"];
    private static readonly string[] PrimaryCompanyColumns =
        ["Associated Company IDs (Primary)", "Primary Associated Company ID", "Associated Company ID (Primary)", "associatedcompanyid"];
    private static readonly string[] CompanyColumns = ["Associated Company IDs", "Associated Company ID", "Company IDs"];

    /// <summary>The HubSpot object a CSV holds, from its headers; null when it is not a HubSpot export.</summary>
    public static HubSpotObject? ObjectOf(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        bool Has(string h) => headers.Contains(h, StringComparer.OrdinalIgnoreCase);
        if (!IdColumns.Any(Has))
        {
            return null;
        }

        return Has("Deal Stage") || Has("Deal Name") || Has("Deal ID") ? HubSpotObject.Deals
            : Has("Company Domain Name") || Has("Company ID") || (Has("Company name") && !Has("Email")) ? HubSpotObject.Companies
            : Has("Email") || Has("First Name") || Has("Contact ID") ? HubSpotObject.Contacts
            : null;
    }

    /// <summary>Reads the HubSpot exports among <paramref name="files"/> (other files are ignored).</summary>
    public static CrmRead Read(IEnumerable<string> files)
    {
        var problems = new List<SourceProblem>();
        var owners = new Owners();
        var accounts = new List<Account>();
        var contacts = new List<Contact>();
        var deals = new List<Deal>();
        var dealContacts = new List<DealContact>();
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            using CsvTable table = CsvTable.Open(file);
            switch (ObjectOf(table.Headers))
            {
                case HubSpotObject.Companies:
                    ReadRows(table, problems, row => Add(accounts, ReadCompany(row, owners)));
                    break;
                case HubSpotObject.Contacts:
                    ReadRows(table, problems, row => Add(contacts, ReadContact(row)));
                    break;
                case HubSpotObject.Deals:
                    ReadRows(table, problems, row =>
                    {
                        Deal deal = ReadDeal(row, owners);
                        dealContacts.AddRange(Values(row, "Associated Contact IDs", "Associated Contact ID")
                            .Select(c => new DealContact { DealId = deal.Id, ContactId = c }));
                        return Add(deals, deal);
                    });
                    break;
                default:
                    problems.Add(new SourceProblem(SourceLocation.WholeFile(file),
                        "not a HubSpot companies, contacts or deals export (no 'Record ID' column, or no column telling which)"));
                    continue;
            }
        }

        return new CrmRead(
            new CrmSnapshot { Users = owners.Users, Accounts = accounts, Contacts = contacts, Deals = deals, DealContacts = dealContacts },
            CrmFormat.HubSpot,
            problems);
    }

    private static bool Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return true;
    }

    private static string Id(CsvRow row) => row.Get(IdColumns) ?? throw new BadFieldException("missing Record ID");

    private static Account ReadCompany(CsvRow row, Owners owners)
    {
        List<string> domains = Values(row, "Company Domain Name", "Additional Domains", "Domain");
        return new Account
        {
            Id = Id(row),
            Name = row.Get("Company name", "Name"),
            Website = row.Get("Website URL", "Website"),
            Domains = domains,
            OwnerId = owners.IdOf(row.Get("Company owner", "HubSpot Owner", "Owner")),
            ParentId = row.Get("Parent Company ID", "Associated Company IDs (Parent Company)"),
            ModifiedAt = Instant(row, "Last Modified Date", "Last modified date"),
        };
    }

    private static Contact ReadContact(CsvRow row) => new()
    {
        Id = Id(row),
        AccountId = row.Get(PrimaryCompanyColumns) ?? Values(row, CompanyColumns).FirstOrDefault(),
        Emails = Values(row, "Email", "Additional email addresses", "Additional Emails"),
        Phones = Values(row, "Phone Number", "Mobile Phone Number"),
        Name = Name(row, "Name", "First Name", "Last Name"),
        Region = Countries.ToRegion(row.Get("Country/Region", "Country", "Country/Region Code")),
        ModifiedAt = Instant(row, "Last Modified Date", "Last modified date"),
    };

    private static Deal ReadDeal(CsvRow row, Owners owners)
    {
        string? stage = row.Get("Deal Stage");
        string stageKey = StageKey().Replace(stage ?? "", "").ToLowerInvariant();
        bool? closedWon = Bool(row, "Is Closed Won");
        bool? closed = Bool(row, "Is Deal Closed?") ?? Bool(row, "Is Closed");
        return new Deal
        {
            Id = Id(row),
            AccountId = row.Get(PrimaryCompanyColumns) ?? Values(row, CompanyColumns).FirstOrDefault(),
            Name = row.Get("Deal Name"),
            OwnerId = owners.IdOf(row.Get("Deal owner", "Deal Owner", "HubSpot Owner", "Owner")),
            Stage = stage,
            // HubSpot's default pipeline names its closing stages closedwon and closedlost (labels
            // "Closed won" and "Closed lost"); the explicit flags, when exported, win over the stage.
            IsClosed = closed ?? stageKey is "closedwon" or "closedlost",
            IsWon = closedWon ?? stageKey == "closedwon",
            CreatedAt = Instant(row, "Create Date", "Created Date", "createdate"),
            CloseDate = Date(row, "Close Date", "closedate"),
            Type = row.Get("Deal Type", "Type"),
            ModifiedAt = Instant(row, "Last Modified Date", "Last modified date"),
        };
    }

    [GeneratedRegex(@"[\s_\-]", RegexOptions.CultureInvariant)]
    private static partial Regex StageKey();
}

/// <summary>The object types HubSpot exports.</summary>
public enum HubSpotObject
{
    Companies,
    Contacts,
    Deals,
}
