using Linkage.Core.Model;
using Linkage.Formats.Crm;
using Linkage.Formats.Sources;
using Linkage.Formats.Text;
using static Linkage.Formats.Crm.CsvRecords;

namespace Linkage.Formats.Salesforce;

/// <summary>
/// Reads a Salesforce Data Loader / Data Export folder: <c>Account</c>, <c>Contact</c>, <c>Lead</c>,
/// <c>Opportunity</c>, <c>OpportunityContactRole</c> and <c>User</c> CSV files with API field names as
/// headers. Any of the files may be missing; other files and columns are ignored. Every id, and every field
/// that refers to one, is written in its 18-character form.
/// </summary>
public static class SalesforceExportReader
{
    /// <summary>The objects read, each with the file names (without <c>.csv</c>, any case) it may have.</summary>
    public static IReadOnlyDictionary<string, string[]> Objects { get; } = new Dictionary<string, string[]>
    {
        ["Account"] = ["Account", "Accounts"],
        ["Contact"] = ["Contact", "Contacts"],
        ["Lead"] = ["Lead", "Leads"],
        ["Opportunity"] = ["Opportunity", "Opportunities"],
        ["OpportunityContactRole"] = ["OpportunityContactRole", "OpportunityContactRoles"],
        ["User"] = ["User", "Users"],
    };

    /// <summary>The Salesforce object a file holds, from its name; null for any other file.</summary>
    public static string? ObjectOf(string path)
    {
        string stem = System.IO.Path.GetFileNameWithoutExtension(path);
        return Objects.FirstOrDefault(o => o.Value.Contains(stem, StringComparer.OrdinalIgnoreCase)).Key;
    }

    /// <summary>Reads the export files among <paramref name="files"/> (other files are ignored).</summary>
    public static CrmRead Read(IEnumerable<string> files)
    {
        var byObject = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            if (ObjectOf(file) is { } name && !byObject.ContainsKey(name))
            {
                byObject[name] = file;
            }
        }

        var problems = new List<SourceProblem>();
        // A contact without a country of its own is taken to be where its account is billed.
        var accountRegions = new Dictionary<string, string>(StringComparer.Ordinal);
        List<Account> accounts = ReadFile(byObject, "Account", problems, ["Id"], row =>
        {
            Account account = ReadAccount(row);
            if (Countries.ToRegion(row.Get("BillingCountry", "BillingCountryCode", "ShippingCountry", "ShippingCountryCode")) is { } region)
            {
                accountRegions[account.Id] = region;
            }

            return account;
        });
        List<Contact> contacts = ReadFile(byObject, "Contact", problems, ["Id"], ReadContact);

        return new CrmRead(
            new CrmSnapshot
            {
                Users = ReadFile(byObject, "User", problems, ["Id"], ReadUser),
                Accounts = accounts,
                Contacts = [.. contacts.Select(c => c.Region is null && c.AccountId is { } a && accountRegions.TryGetValue(a, out string? r) ? c with { Region = r } : c)],
                Leads = ReadFile(byObject, "Lead", problems, ["Id"], ReadLead),
                Deals = ReadFile(byObject, "Opportunity", problems, ["Id"], ReadOpportunity),
                DealContacts = ReadFile(byObject, "OpportunityContactRole", problems, ["OpportunityId", "ContactId"], ReadContactRole),
            },
            CrmFormat.Salesforce,
            problems);
    }

    private static List<T> ReadFile<T>(Dictionary<string, string> files, string name, List<SourceProblem> problems,
        string[] requiredHeaders, Func<CsvRow, T?> map)
    {
        var records = new List<T>();
        if (!files.TryGetValue(name, out string? path))
        {
            return records;
        }

        using CsvTable table = CsvTable.Open(path);
        RequireHeaders(table, requiredHeaders);
        ReadRows(table, problems, row =>
        {
            // Data Loader's "Export All" includes deleted records; they are not in the CRM any more.
            if (Bool(row, "IsDeleted") == true || map(row) is not { } record)
            {
                return false;
            }

            records.Add(record);
            return true;
        });
        return records;
    }

    private static string Id(CsvRow row) => SalesforceId.Normalise(Required(row, "Id"));

    private static string? Ref(CsvRow row, string column) => SalesforceId.NormaliseOptional(row.Get(column));

    private static CrmUser ReadUser(CsvRow row) => new()
    {
        Id = Id(row),
        Emails = Values(row, "Email"),
        Phones = Values(row, "Phone", "MobilePhone"),
        Name = Name(row, "Name", "FirstName", "LastName"),
        Region = Countries.ToRegion(row.Get("Country", "CountryCode")),
    };

    private static Account ReadAccount(CsvRow row) => new()
    {
        Id = Id(row),
        Name = row.Get("Name"),
        Website = row.Get("Website"),
        OwnerId = Ref(row, "OwnerId"),
        ParentId = Ref(row, "ParentId"),
        ModifiedAt = Instant(row, "LastModifiedDate", "SystemModstamp"),
    };

    private static Contact ReadContact(CsvRow row) => new()
    {
        Id = Id(row),
        AccountId = Ref(row, "AccountId"),
        Emails = Values(row, "Email"),
        Phones = Values(row, "Phone", "MobilePhone", "OtherPhone", "HomePhone"),
        Name = Name(row, "Name", "FirstName", "LastName"),
        Region = Countries.ToRegion(row.Get("MailingCountry", "MailingCountryCode", "OtherCountry", "OtherCountryCode")),
        ModifiedAt = Instant(row, "LastModifiedDate", "SystemModstamp"),
    };

    private static Lead ReadLead(CsvRow row) => new()
    {
        Id = Id(row),
        Emails = Values(row, "Email"),
        Phones = Values(row, "Phone", "MobilePhone"),
        Name = Name(row, "Name", "FirstName", "LastName"),
        Company = row.Get("Company"),
        Region = Countries.ToRegion(row.Get("Country", "CountryCode")),
        IsConverted = Bool(row, "IsConverted") ?? false,
        ConvertedContactId = Ref(row, "ConvertedContactId"),
        ConvertedAccountId = Ref(row, "ConvertedAccountId"),
        ModifiedAt = Instant(row, "LastModifiedDate", "SystemModstamp"),
    };

    private static Deal ReadOpportunity(CsvRow row) => new()
    {
        Id = Id(row),
        AccountId = Ref(row, "AccountId"),
        Name = row.Get("Name"),
        OwnerId = Ref(row, "OwnerId"),
        Stage = row.Get("StageName"),
        IsClosed = Bool(row, "IsClosed") ?? false,
        IsWon = Bool(row, "IsWon") ?? false,
        CreatedAt = Instant(row, "CreatedDate"),
        CloseDate = Date(row, "CloseDate"),
        Type = row.Get("Type"),
        ModifiedAt = Instant(row, "LastModifiedDate", "SystemModstamp"),
    };

    private static DealContact ReadContactRole(CsvRow row) => new()
    {
        DealId = SalesforceId.Normalise(Required(row, "OpportunityId")),
        ContactId = SalesforceId.Normalise(Required(row, "ContactId")),
        Role = row.Get("Role"),
        IsPrimary = Bool(row, "IsPrimary") ?? false,
    };
}
