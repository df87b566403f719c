using System.Buffers;
using System.Text.Json;
using Linkage.Core.Engine;

namespace Linkage.Formats.Canonical;

/// <summary>
/// Writes associations as canonical JSON Lines. Field order and content are fixed, so the same result
/// always gives the same bytes.
/// </summary>
public static class AssociationWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        // Names and addresses stay readable (no \u escapes for non-ASCII); the output is UTF-8.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one result as one line (with its trailing newline) to <paramref name="output"/>.</summary>
    public static void WriteLine(AssociationResult result, System.Buffers.IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using (var w = new Utf8JsonWriter(output, Options))
        {
            Write(w, result);
        }

        output.Write("\n"u8);
    }

    /// <summary>One result as a UTF-8 line, newline included.</summary>
    public static byte[] ToLine(AssociationResult result)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        WriteLine(result, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter w, AssociationResult r)
    {
        w.WriteStartObject();
        w.WriteString("activityId"u8, r.ActivityId);
        w.WriteString("status"u8, Status(r.Status));
        Ids(w, "contacts"u8, r.Contacts);
        Ids(w, "accounts"u8, r.Accounts);
        Ids(w, "leads"u8, r.Leads);
        Ids(w, "deals"u8, r.Deals);
        w.WriteStartArray("participants"u8);
        foreach (ParticipantResult p in r.Participants)
        {
            Participant(w, p);
        }

        w.WriteEndArray();
        w.WriteStartArray("dealReasons"u8);
        foreach (DealReason d in r.DealReasons)
        {
            w.WriteStartObject();
            w.WriteString("dealId"u8, d.DealId);
            w.WriteString("reason"u8, d.Reason);
            Ids(w, "narrowedBy"u8, d.NarrowedBy);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (r.ExplicitRefs.Count > 0)
        {
            w.WriteStartArray("explicitRefs"u8);
            foreach (ExplicitReference e in r.ExplicitRefs)
            {
                w.WriteStartObject();
                w.WriteString("type"u8, e.Type);
                w.WriteString("id"u8, e.Id);
                w.WriteString("from"u8, e.From);
                w.WriteBoolean("known"u8, e.Known);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("warnings"u8);
        foreach (AssociationWarning warning in r.Warnings)
        {
            w.WriteStartObject();
            w.WriteString("code"u8, warning.Code);
            w.WriteString("message"u8, warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("crmApiCalls"u8, r.CrmApiCalls);
        w.WriteEndObject();
    }

    private static void Participant(Utf8JsonWriter w, ParticipantResult p)
    {
        w.WriteStartObject();
        Optional(w, "email"u8, p.Email);
        Optional(w, "phone"u8, p.Phone);
        Optional(w, "role"u8, p.Role);
        w.WriteString("class"u8, Class(p.Class));
        Optional(w, "userId"u8, p.UserId);
        Optional(w, "rule"u8, p.Rule);
        Optional(w, "contactId"u8, p.ContactId);
        Optional(w, "accountId"u8, p.AccountId);
        Optional(w, "leadId"u8, p.LeadId);
        Optional(w, "convertedLeadId"u8, p.ConvertedLeadId);
        Optional(w, "matchedOn"u8, p.MatchedOn);
        if (p.Class == ParticipantClass.External)
        {
            w.WriteBoolean("ambiguous"u8, p.Ambiguous);
        }

        if (p.Candidates.Count > 0)
        {
            Ids(w, "candidates"u8, p.Candidates);
        }

        Optional(w, "tieBreak"u8, p.TieBreak);
        Optional(w, "source"u8, p.Source);
        Optional(w, "lookup"u8, p.Lookup);
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Ids(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string> ids)
    {
        w.WriteStartArray(name);
        foreach (string id in ids)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
    }

    public static string Status(AssociationStatus status) => status switch
    {
        AssociationStatus.Associated => "associated",
        AssociationStatus.Internal => "internal",
        _ => "unmatched",
    };

    public static string Class(ParticipantClass c) => c switch
    {
        ParticipantClass.Internal => "internal",
        ParticipantClass.Spam => "spam",
        ParticipantClass.Automated => "automated",
        ParticipantClass.Invalid => "invalid",
        _ => "external",
    };
}
