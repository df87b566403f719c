using System.Text.Json;
using Linkage.Core.Index;
using Linkage.Core.Model;

namespace Linkage.Formats.Canonical;

/// <summary>Reads the canonical CRM snapshot document of formats.md.</summary>
public static class SnapshotReader
{
    /// <summary>Reads <paramref name="path"/>; any problem is an <see cref="InputException"/> naming the place.</summary>
    /// <param name="path">The snapshot file.</param>
    /// <param name="prepared">When given, each user, contact and lead is handed to it as it is read.</param>
    public static CrmSnapshot ReadFile(string path, PreparedKeys? prepared = null)
    {
        using FileStream stream = InputFiles.OpenForReading(path);
        return Read(stream, path, prepared);
    }

    public static CrmSnapshot Read(Stream json, string fileName, PreparedKeys? prepared = null)
    {
        SnapshotDto dto;
        using SnapshotStrings.Scope pools = SnapshotStrings.Begin(prepared);
        try
        {
            dto = JsonSerializer.Deserialize(json, CanonicalJsonContext.Default.SnapshotDto)
                ?? throw new InputException(fileName, null, "the document is null; expected an object with users, accounts, contacts, leads, deals, dealContacts");
        }
        catch (JsonException ex)
        {
            (string place, string problem) = JsonErrors.Describe(ex);
            throw new InputException(fileName, place, problem, ex);
        }

        return new CrmSnapshot
        {
            Users = Records(dto.Users, "users", fileName),
            Accounts = Records(dto.Accounts, "accounts", fileName),
            Contacts = Records(dto.Contacts, "contacts", fileName),
            Leads = Records(dto.Leads, "leads", fileName),
            Deals = Records(dto.Deals, "deals", fileName),
            DealContacts = Records(dto.DealContacts, "dealContacts", fileName),
        };
    }

    /// <summary>The records of one section; a null entry is an error naming its place.</summary>
    private static List<T> Records<T>(List<T?>? items, string name, string fileName)
        where T : class
    {
        if (items is null)
        {
            return [];
        }

        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new InputException(fileName, $"$.{name}[{i}]", "null where a record was expected");
            }
        }

        return items!;
    }
}
