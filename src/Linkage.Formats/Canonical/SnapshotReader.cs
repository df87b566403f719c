using System.Text.Json;
using Linkage.Core.Model;

namespace Linkage.Formats.Canonical;

/// <summary>Reads the canonical CRM snapshot document of formats.md.</summary>
public static class SnapshotReader
{
    /// <summary>Reads <paramref name="path"/>; any problem is an <see cref="InputException"/> naming the place.</summary>
    public static CrmSnapshot ReadFile(string path)
    {
        using FileStream stream = InputFiles.OpenForReading(path);
        return Read(stream, path);
    }

    public static CrmSnapshot Read(Stream json, string fileName)
    {
        SnapshotDto dto;
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

        var map = new Mapper(fileName);
        return new CrmSnapshot
        {
            Users = map.List(dto.Users, "users", (u, at) => new CrmUser
            {
                Id = map.Id(u.Id, at),
                Emails = Merge(u.Emails, u.Email),
                Phones = Merge(u.Phones, u.Phone),
                Name = u.Name,
                Region = u.Region,
            }),
            Accounts = map.List(dto.Accounts, "accounts", (a, at) => new Account
            {
                Id = map.Id(a.Id, at),
                Name = a.Name,
                Website = a.Website,
                Domains = a.Domains ?? [],
                OwnerId = Blank(a.OwnerId),
                ParentId = Blank(a.ParentId),
                ModifiedAt = map.Instant(a.ModifiedAt, at, "modifiedAt"),
            }),
            Contacts = map.List(dto.Contacts, "contacts", (c, at) => new Contact
            {
                Id = map.Id(c.Id, at),
                AccountId = Blank(c.AccountId),
                Emails = Merge(c.Emails, c.Email),
                Phones = Merge(c.Phones, c.Phone),
                Name = c.Name,
                Region = c.Region,
                ModifiedAt = map.Instant(c.ModifiedAt, at, "modifiedAt"),
            }),
            Leads = map.List(dto.Leads, "leads", (l, at) => new Lead
            {
                Id = map.Id(l.Id, at),
                Emails = Merge(l.Emails, l.Email),
                Phones = Merge(l.Phones, l.Phone),
                Name = l.Name,
                Company = l.Company,
                Region = l.Region,
                IsConverted = l.IsConverted ?? false,
                ConvertedContactId = Blank(l.ConvertedContactId),
                ConvertedAccountId = Blank(l.ConvertedAccountId),
                ModifiedAt = map.Instant(l.ModifiedAt, at, "modifiedAt"),
            }),
            Deals = map.List(dto.Deals, "deals", (d, at) => new Deal
            {
                Id = map.Id(d.Id, at),
                AccountId = Blank(d.AccountId),
                Name = d.Name,
                OwnerId = Blank(d.OwnerId),
                Stage = d.Stage,
                IsClosed = d.IsClosed ?? false,
                IsWon = d.IsWon ?? false,
                CreatedAt = map.Instant(d.CreatedAt, at, "createdAt"),
                CloseDate = map.Date(d.CloseDate, at, "closeDate"),
                Type = d.Type,
                ModifiedAt = map.Instant(d.ModifiedAt, at, "modifiedAt"),
            }),
            DealContacts = map.List(dto.DealContacts, "dealContacts", (r, at) => new DealContact
            {
                DealId = map.Required(r.DealId, at, "dealId"),
                ContactId = map.Required(r.ContactId, at, "contactId"),
                Role = r.Role,
                IsPrimary = r.IsPrimary ?? false,
            }),
        };
    }

    private static List<string> Merge(List<string>? many, List<string>? one) =>
        one is null ? many ?? [] : many is null ? one : [.. many, .. one];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private sealed class Mapper(string fileName)
    {
        public List<TModel> List<TDto, TModel>(List<TDto?>? items, string name, Func<TDto, string, TModel> map)
            where TDto : class
        {
            var result = new List<TModel>(items?.Count ?? 0);
            if (items is null)
            {
                return result;
            }

            for (int i = 0; i < items.Count; i++)
            {
                string at = $"$.{name}[{i}]";
                TDto item = items[i] ?? throw new InputException(fileName, at, "null where a record was expected");
                result.Add(map(item, at));
            }

            return result;
        }

        public string Id(string? id, string at) => Required(id, at, "id");

        public string Required(string? value, string at, string field) =>
            string.IsNullOrWhiteSpace(value)
                ? throw new InputException(fileName, at, $"missing {field}")
                : value.Trim();

        public DateTimeOffset? Instant(string? text, string at, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return IsoTime.TryParseInstant(text, requireOffset: false, out DateTimeOffset value)
                ? value
                : throw new InputException(fileName, $"{at}.{field}", $"'{text}' is not an ISO 8601 time");
        }

        public DateOnly? Date(string? text, string at, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return IsoTime.TryParseDate(text, out DateOnly value)
                ? value
                : throw new InputException(fileName, $"{at}.{field}", $"'{text}' is not an ISO 8601 date");
        }
    }
}
