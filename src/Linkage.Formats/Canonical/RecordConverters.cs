using System.Text.Json;
using System.Text.Json.Serialization;
using Linkage.Core.Model;
using static Linkage.Formats.Canonical.RecordFields;

namespace Linkage.Formats.Canonical;

// One converter per snapshot record: the serializer streams the document and hands each converter one
// buffered record, which is read straight into the model (no intermediate DTOs: a million-contact CRM is
// read about twice as fast). Unknown fields are skipped; `email`/`phone` are accepted beside the lists.
// Ids that other records repeat (accounts', users') are read as References and text from a small
// vocabulary as Values, so that equal ones share one instance (SnapshotStrings); the rest are unique.

internal sealed class UserConverter : JsonConverter<CrmUser>
{
    public override CrmUser Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectObject(ref reader);
        string? id = null, name = null, region = null;
        RecordStrings emails = default, phones = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { id = Reference(ref reader, "id"); }
            else if (reader.ValueTextEquals("emails"u8) || reader.ValueTextEquals("email"u8)) { Strings(ref reader, "emails", ref emails); }
            else if (reader.ValueTextEquals("phones"u8) || reader.ValueTextEquals("phone"u8)) { Strings(ref reader, "phones", ref phones); }
            else if (reader.ValueTextEquals("name"u8)) { name = Value(ref reader, "name"); }
            else if (reader.ValueTextEquals("region"u8)) { region = Value(ref reader, "region"); }
            else { Skip(ref reader); }
        }

        var user = new CrmUser { Id = Required(id, "id"), Emails = emails.ToArray(), Phones = phones.ToArray(), Name = name, Region = region };
        SnapshotStrings.Current?.Prepared?.Add(user);
        return user;
    }

    public override void Write(Utf8JsonWriter writer, CrmUser value, JsonSerializerOptions options) => throw new NotSupportedException();
}

internal sealed class AccountConverter : JsonConverter<Account>
{
    public override Account Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectObject(ref reader);
        string? id = null, name = null, website = null, owner = null, parent = null;
        RecordStrings domains = default;
        DateTimeOffset? modified = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { id = Reference(ref reader, "id"); }
            else if (reader.ValueTextEquals("name"u8)) { name = String(ref reader, "name"); }
            else if (reader.ValueTextEquals("website"u8)) { website = String(ref reader, "website"); }
            else if (reader.ValueTextEquals("domains"u8)) { Strings(ref reader, "domains", ref domains); }
            else if (reader.ValueTextEquals("ownerId"u8)) { owner = Reference(ref reader, "ownerId"); }
            else if (reader.ValueTextEquals("parentId"u8)) { parent = Reference(ref reader, "parentId"); }
            else if (reader.ValueTextEquals("modifiedAt"u8)) { modified = Instant(ref reader, "modifiedAt"); }
            else { Skip(ref reader); }
        }

        return new Account
        {
            Id = Required(id, "id"), Name = name, Website = website, Domains = domains.ToArray(),
            OwnerId = Optional(owner), ParentId = Optional(parent), ModifiedAt = modified,
        };
    }

    public override void Write(Utf8JsonWriter writer, Account value, JsonSerializerOptions options) => throw new NotSupportedException();
}

internal sealed class ContactConverter : JsonConverter<Contact>
{
    public override Contact Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectObject(ref reader);
        string? id = null, account = null, name = null, region = null, origin = null;
        RecordStrings emails = default, phones = default;
        DateTimeOffset? modified = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { id = String(ref reader, "id"); }
            else if (reader.ValueTextEquals("accountId"u8)) { account = Reference(ref reader, "accountId"); }
            else if (reader.ValueTextEquals("emails"u8) || reader.ValueTextEquals("email"u8)) { Strings(ref reader, "emails", ref emails); }
            else if (reader.ValueTextEquals("phones"u8) || reader.ValueTextEquals("phone"u8)) { Strings(ref reader, "phones", ref phones); }
            else if (reader.ValueTextEquals("name"u8)) { name = Value(ref reader, "name"); }
            else if (reader.ValueTextEquals("region"u8)) { region = Value(ref reader, "region"); }
            else if (reader.ValueTextEquals("modifiedAt"u8)) { modified = Instant(ref reader, "modifiedAt"); }
            else if (reader.ValueTextEquals("origin"u8)) { origin = Value(ref reader, "origin"); }
            else { Skip(ref reader); }
        }

        var contact = new Contact
        {
            Id = Required(id, "id"), AccountId = Optional(account), Emails = emails.ToArray(),
            Phones = phones.ToArray(), Name = name, Region = region, ModifiedAt = modified,
            Origin = Optional(origin),
        };
        SnapshotStrings.Current?.Prepared?.Add(contact);
        return contact;
    }

    public override void Write(Utf8JsonWriter writer, Contact value, JsonSerializerOptions options) => throw new NotSupportedException();
}

internal sealed class LeadConverter : JsonConverter<Lead>
{
    public override Lead Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectObject(ref reader);
        string? id = null, name = null, company = null, region = null, convertedContact = null, convertedAccount = null, origin = null;
        RecordStrings emails = default, phones = default;
        bool? converted = null;
        DateTimeOffset? modified = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { id = String(ref reader, "id"); }
            else if (reader.ValueTextEquals("emails"u8) || reader.ValueTextEquals("email"u8)) { Strings(ref reader, "emails", ref emails); }
            else if (reader.ValueTextEquals("phones"u8) || reader.ValueTextEquals("phone"u8)) { Strings(ref reader, "phones", ref phones); }
            else if (reader.ValueTextEquals("name"u8)) { name = Value(ref reader, "name"); }
            else if (reader.ValueTextEquals("company"u8)) { company = String(ref reader, "company"); }
            else if (reader.ValueTextEquals("region"u8)) { region = Value(ref reader, "region"); }
            else if (reader.ValueTextEquals("isConverted"u8)) { converted = Bool(ref reader, "isConverted"); }
            else if (reader.ValueTextEquals("convertedContactId"u8)) { convertedContact = String(ref reader, "convertedContactId"); }
            else if (reader.ValueTextEquals("convertedAccountId"u8)) { convertedAccount = Reference(ref reader, "convertedAccountId"); }
            else if (reader.ValueTextEquals("modifiedAt"u8)) { modified = Instant(ref reader, "modifiedAt"); }
            else if (reader.ValueTextEquals("origin"u8)) { origin = Value(ref reader, "origin"); }
            else { Skip(ref reader); }
        }

        var lead = new Lead
        {
            Id = Required(id, "id"), Emails = emails.ToArray(), Phones = phones.ToArray(),
            Name = name, Company = company, Region = region, IsConverted = converted ?? false,
            ConvertedContactId = Optional(convertedContact), ConvertedAccountId = Optional(convertedAccount), ModifiedAt = modified,
            Origin = Optional(origin),
        };
        SnapshotStrings.Current?.Prepared?.Add(lead);
        return lead;
    }

    public override void Write(Utf8JsonWriter writer, Lead value, JsonSerializerOptions options) => throw new NotSupportedException();
}

internal sealed class DealConverter : JsonConverter<Deal>
{
    public override Deal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectObject(ref reader);
        string? id = null, account = null, name = null, owner = null, stage = null, type = null;
        bool? closed = null, won = null;
        DateTimeOffset? created = null, modified = null;
        DateOnly? close = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { id = String(ref reader, "id"); }
            else if (reader.ValueTextEquals("accountId"u8)) { account = Reference(ref reader, "accountId"); }
            else if (reader.ValueTextEquals("name"u8)) { name = Value(ref reader, "name"); }
            else if (reader.ValueTextEquals("ownerId"u8)) { owner = Reference(ref reader, "ownerId"); }
            else if (reader.ValueTextEquals("stage"u8)) { stage = Value(ref reader, "stage"); }
            else if (reader.ValueTextEquals("isClosed"u8)) { closed = Bool(ref reader, "isClosed"); }
            else if (reader.ValueTextEquals("isWon"u8)) { won = Bool(ref reader, "isWon"); }
            else if (reader.ValueTextEquals("createdAt"u8)) { created = Instant(ref reader, "createdAt"); }
            else if (reader.ValueTextEquals("closeDate"u8)) { close = Date(ref reader, "closeDate"); }
            else if (reader.ValueTextEquals("type"u8)) { type = Value(ref reader, "type"); }
            else if (reader.ValueTextEquals("modifiedAt"u8)) { modified = Instant(ref reader, "modifiedAt"); }
            else { Skip(ref reader); }
        }

        return new Deal
        {
            Id = Required(id, "id"), AccountId = Optional(account), Name = name, OwnerId = Optional(owner), Stage = stage,
            IsClosed = closed ?? false, IsWon = won ?? false, CreatedAt = created, CloseDate = close, Type = type, ModifiedAt = modified,
        };
    }

    public override void Write(Utf8JsonWriter writer, Deal value, JsonSerializerOptions options) => throw new NotSupportedException();
}

internal sealed class DealContactConverter : JsonConverter<DealContact>
{
    public override DealContact Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectObject(ref reader);
        string? deal = null, contact = null, role = null;
        bool? primary = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("dealId"u8)) { deal = String(ref reader, "dealId"); }
            else if (reader.ValueTextEquals("contactId"u8)) { contact = String(ref reader, "contactId"); }
            else if (reader.ValueTextEquals("role"u8)) { role = Value(ref reader, "role"); }
            else if (reader.ValueTextEquals("isPrimary"u8)) { primary = Bool(ref reader, "isPrimary"); }
            else { Skip(ref reader); }
        }

        return new DealContact { DealId = Required(deal, "dealId"), ContactId = Required(contact, "contactId"), Role = role, IsPrimary = primary ?? false };
    }

    public override void Write(Utf8JsonWriter writer, DealContact value, JsonSerializerOptions options) => throw new NotSupportedException();
}
