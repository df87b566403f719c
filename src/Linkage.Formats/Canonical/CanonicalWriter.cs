using System.Globalization;
using System.Text.Json;
using Linkage.Core.Model;

namespace Linkage.Formats.Canonical;

/// <summary>
/// Writes the canonical model as formats.md's JSON: a snapshot document streamed record by record (so a
/// generated or converted CRM of millions of records never sits in memory), settings, and activity lines.
/// </summary>
public static class CanonicalWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>The sections of a snapshot, each enumerated once, in formats.md's order.</summary>
    public sealed record SnapshotSections(
        IEnumerable<CrmUser> Users,
        IEnumerable<Account> Accounts,
        IEnumerable<Contact> Contacts,
        IEnumerable<Lead> Leads,
        IEnumerable<Deal> Deals,
        IEnumerable<DealContact> DealContacts)
    {
        public static SnapshotSections From(CrmSnapshot s)
        {
            ArgumentNullException.ThrowIfNull(s);
            return new(s.Users, s.Accounts, s.Contacts, s.Leads, s.Deals, s.DealContacts);
        }
    }

    public static void WriteSnapshot(Stream output, SnapshotSections sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        Section(w, "users", sections.Users, User);
        Section(w, "accounts", sections.Accounts, Account);
        Section(w, "contacts", sections.Contacts, Contact);
        Section(w, "leads", sections.Leads, Lead);
        Section(w, "deals", sections.Deals, Deal);
        Section(w, "dealContacts", sections.DealContacts, DealContact);
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    public static void WriteSettings(Stream output, LinkageSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder });
        w.WriteStartObject();
        Strings(w, "companyDomains", s.CompanyDomains);
        Strings(w, "spamAddresses", s.SpamAddresses);
        Strings(w, "spamDomains", s.SpamDomains);
        if (s.AutomatedLocalParts is { } automated)
        {
            Strings(w, "automatedLocalParts", automated);
        }
        else
        {
            w.WriteNull("automatedLocalParts");
        }

        Strings(w, "publicEmailDomains", s.PublicEmailDomains);
        w.WriteNumber("dealWindowDays", s.DealWindowDays);
        w.WriteBoolean("useContactRoles", s.UseContactRoles);
        w.WriteBoolean("useDealOwner", s.UseDealOwner);
        w.WriteNumber("maxDealsPerActivity", s.MaxDealsPerActivity);
        w.WriteString("defaultPhoneRegion", s.DefaultPhoneRegion);
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>One activity as one JSON Lines line, newline included.</summary>
    public static void WriteActivityLine(Stream output, Activity a)
    {
        ArgumentNullException.ThrowIfNull(a);
        using (var w = new Utf8JsonWriter(output, Options))
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            w.WriteString("type", a.Type.ToString().ToLowerInvariant());
            w.WriteString("occurredAt", a.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
            if (a.Dialer)
            {
                w.WriteBoolean("dialer", true);
            }

            w.WriteStartArray("participants");
            foreach (Participant p in a.Participants)
            {
                w.WriteStartObject();
                Optional(w, "email", p.Email);
                Optional(w, "phone", p.Phone);
                Optional(w, "name", p.Name);
                Optional(w, "role", p.Role);
                if (p.Affiliation != Affiliation.Unknown)
                {
                    w.WriteString("affiliation", p.Affiliation.ToString().ToLowerInvariant());
                }

                Optional(w, "region", p.Region);
                Refs(w, p.CrmRefs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Refs(w, a.CrmRefs);
            w.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    private static void Section<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(name);
        foreach (T item in items)
        {
            write(w, item);
            if (w.BytesPending > 1 << 16)
            {
                w.Flush();
            }
        }

        w.WriteEndArray();
    }

    private static void User(Utf8JsonWriter w, CrmUser u)
    {
        w.WriteStartObject();
        w.WriteString("id", u.Id);
        Strings(w, "emails", u.Emails);
        Strings(w, "phones", u.Phones);
        Optional(w, "name", u.Name);
        Optional(w, "region", u.Region);
        w.WriteEndObject();
    }

    private static void Account(Utf8JsonWriter w, Account a)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        Optional(w, "name", a.Name);
        Optional(w, "website", a.Website);
        Strings(w, "domains", a.Domains);
        Optional(w, "ownerId", a.OwnerId);
        Optional(w, "parentId", a.ParentId);
        Time(w, "modifiedAt", a.ModifiedAt);
        w.WriteEndObject();
    }

    private static void Contact(Utf8JsonWriter w, Contact c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        Optional(w, "accountId", c.AccountId);
        Strings(w, "emails", c.Emails);
        Strings(w, "phones", c.Phones);
        Optional(w, "name", c.Name);
        Optional(w, "region", c.Region);
        Time(w, "modifiedAt", c.ModifiedAt);
        Optional(w, "origin", c.Origin);
        w.WriteEndObject();
    }

    private static void Lead(Utf8JsonWriter w, Lead l)
    {
        w.WriteStartObject();
        w.WriteString("id", l.Id);
        Strings(w, "emails", l.Emails);
        Strings(w, "phones", l.Phones);
        Optional(w, "name", l.Name);
        Optional(w, "company", l.Company);
        Optional(w, "region", l.Region);
        w.WriteBoolean("isConverted", l.IsConverted);
        Optional(w, "convertedContactId", l.ConvertedContactId);
        Optional(w, "convertedAccountId", l.ConvertedAccountId);
        Time(w, "modifiedAt", l.ModifiedAt);
        Optional(w, "origin", l.Origin);
        w.WriteEndObject();
    }

    private static void Deal(Utf8JsonWriter w, Deal d)
    {
        w.WriteStartObject();
        w.WriteString("id", d.Id);
        Optional(w, "accountId", d.AccountId);
        Optional(w, "name", d.Name);
        Optional(w, "ownerId", d.OwnerId);
        Optional(w, "stage", d.Stage);
        w.WriteBoolean("isClosed", d.IsClosed);
        w.WriteBoolean("isWon", d.IsWon);
        Time(w, "createdAt", d.CreatedAt);
        if (d.CloseDate is { } close)
        {
            w.WriteString("closeDate", close.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        Optional(w, "type", d.Type);
        Time(w, "modifiedAt", d.ModifiedAt);
        w.WriteEndObject();
    }

    private static void DealContact(Utf8JsonWriter w, DealContact r)
    {
        w.WriteStartObject();
        w.WriteString("dealId", r.DealId);
        w.WriteString("contactId", r.ContactId);
        Optional(w, "role", r.Role);
        w.WriteBoolean("isPrimary", r.IsPrimary);
        w.WriteEndObject();
    }

    private static void Refs(Utf8JsonWriter w, IReadOnlyList<CrmRef> refs)
    {
        if (refs.Count == 0)
        {
            return;
        }

        w.WriteStartArray("crmRefs");
        foreach (CrmRef r in refs)
        {
            w.WriteStartObject();
            w.WriteString("type", r.Type.ToString().ToLowerInvariant());
            w.WriteString("id", r.Id);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } t)
        {
            w.WriteString(name, t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        }
    }
}
