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
        // The shape is fixed by the code below, so checking each call's place in it buys nothing.
        SkipValidation = true,
    };

    /// <summary>Writes one result as one line (with its trailing newline) to <paramref name="output"/>.</summary>
    public static void WriteLine(AssociationResult result, IBufferWriter<byte> output)
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
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteLine(result, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A writer of lines for one thread, reusing its JSON writer from line to line (a new one per line was
    /// a sixth of the writer's time). The bytes are those of <see cref="WriteLine"/>.
    /// </summary>
    public sealed class Lines : IDisposable
    {
        private readonly Utf8JsonWriter _writer = new(Stream.Null, Options);

        /// <summary>Writes one result as one line (with its trailing newline) to <paramref name="output"/>.</summary>
        public void Write(AssociationResult result, IBufferWriter<byte> output)
        {
            ArgumentNullException.ThrowIfNull(result);
            ArgumentNullException.ThrowIfNull(output);
            _writer.Reset(output);
            AssociationWriter.Write(_writer, result);
            _writer.Flush();
            output.Write("\n"u8);
        }

        /// <inheritdoc/>
        public void Dispose() => _writer.Dispose();
    }

    private static void Write(Utf8JsonWriter w, AssociationResult r)
    {
        w.WriteStartObject();
        w.WriteString(Names.ActivityId, r.ActivityId);
        w.WriteString(Names.Status, StatusText(r.Status));
        Ids(w, Names.Contacts, r.Contacts);
        Ids(w, Names.Accounts, r.Accounts);
        Ids(w, Names.Leads, r.Leads);
        Ids(w, Names.Deals, r.Deals);
        w.WriteStartArray(Names.Participants);
        IReadOnlyList<ParticipantResult> participants = r.Participants;
        for (int i = 0; i < participants.Count; i++)
        {
            Participant(w, participants[i]);
        }

        w.WriteEndArray();
        w.WriteStartArray(Names.DealReasons);
        IReadOnlyList<DealReason> reasons = r.DealReasons;
        for (int i = 0; i < reasons.Count; i++)
        {
            DealReason d = reasons[i];
            w.WriteStartObject();
            w.WriteString(Names.DealId, d.DealId);
            w.WriteString(Names.Reason, d.Reason);
            Ids(w, Names.NarrowedBy, d.NarrowedBy);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        IReadOnlyList<ExplicitReference> refs = r.ExplicitRefs;
        if (refs.Count > 0)
        {
            w.WriteStartArray(Names.ExplicitRefs);
            for (int i = 0; i < refs.Count; i++)
            {
                ExplicitReference e = refs[i];
                w.WriteStartObject();
                w.WriteString(Names.Type, e.Type);
                w.WriteString(Names.Id, e.Id);
                w.WriteString(Names.From, e.From);
                w.WriteBoolean(Names.Known, e.Known);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray(Names.Warnings);
        IReadOnlyList<AssociationWarning> warnings = r.Warnings;
        for (int i = 0; i < warnings.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString(Names.Code, warnings[i].Code);
            w.WriteString(Names.Message, warnings[i].Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber(Names.CrmApiCalls, r.CrmApiCalls);
        w.WriteEndObject();
    }

    private static void Participant(Utf8JsonWriter w, ParticipantResult p)
    {
        w.WriteStartObject();
        Optional(w, Names.Email, p.Email);
        Optional(w, Names.Phone, p.Phone);
        Optional(w, Names.Role, p.Role);
        w.WriteString(Names.Class, ClassText(p.Class));
        Optional(w, Names.UserId, p.UserId);
        Optional(w, Names.Rule, p.Rule);
        Optional(w, Names.ContactId, p.ContactId);
        Optional(w, Names.AccountId, p.AccountId);
        Optional(w, Names.LeadId, p.LeadId);
        Optional(w, Names.ConvertedLeadId, p.ConvertedLeadId);
        Optional(w, Names.MatchedOn, p.MatchedOn);
        if (p.Class == ParticipantClass.External)
        {
            w.WriteBoolean(Names.Ambiguous, p.Ambiguous);
        }

        if (p.Candidates.Count > 0)
        {
            Ids(w, Names.Candidates, p.Candidates);
        }

        Optional(w, Names.TieBreak, p.TieBreak);
        Optional(w, Names.Source, p.Source);
        Optional(w, Names.Lookup, p.Lookup);
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Ids(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string> ids)
    {
        w.WriteStartArray(name);
        for (int i = 0; i < ids.Count; i++)
        {
            w.WriteStringValue(ids[i]);
        }

        w.WriteEndArray();
    }

    private static JsonEncodedText StatusText(AssociationStatus status) => status switch
    {
        AssociationStatus.Associated => Names.Associated,
        AssociationStatus.Internal => Names.Internal,
        _ => Names.Unmatched,
    };

    private static JsonEncodedText ClassText(ParticipantClass c) => c switch
    {
        ParticipantClass.Internal => Names.Internal,
        ParticipantClass.Spam => Names.Spam,
        ParticipantClass.Automated => Names.Automated,
        ParticipantClass.Invalid => Names.Invalid,
        _ => Names.External,
    };

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

    /// <summary>Property names and fixed values, escaped once rather than checked on every line.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText ActivityId = JsonEncodedText.Encode("activityId");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Contacts = JsonEncodedText.Encode("contacts");
        public static readonly JsonEncodedText Accounts = JsonEncodedText.Encode("accounts");
        public static readonly JsonEncodedText Leads = JsonEncodedText.Encode("leads");
        public static readonly JsonEncodedText Deals = JsonEncodedText.Encode("deals");
        public static readonly JsonEncodedText Participants = JsonEncodedText.Encode("participants");
        public static readonly JsonEncodedText DealReasons = JsonEncodedText.Encode("dealReasons");
        public static readonly JsonEncodedText DealId = JsonEncodedText.Encode("dealId");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText NarrowedBy = JsonEncodedText.Encode("narrowedBy");
        public static readonly JsonEncodedText ExplicitRefs = JsonEncodedText.Encode("explicitRefs");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
        public static readonly JsonEncodedText Known = JsonEncodedText.Encode("known");
        public static readonly JsonEncodedText Warnings = JsonEncodedText.Encode("warnings");
        public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText CrmApiCalls = JsonEncodedText.Encode("crmApiCalls");
        public static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
        public static readonly JsonEncodedText Phone = JsonEncodedText.Encode("phone");
        public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
        public static readonly JsonEncodedText Class = JsonEncodedText.Encode("class");
        public static readonly JsonEncodedText UserId = JsonEncodedText.Encode("userId");
        public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
        public static readonly JsonEncodedText ContactId = JsonEncodedText.Encode("contactId");
        public static readonly JsonEncodedText AccountId = JsonEncodedText.Encode("accountId");
        public static readonly JsonEncodedText LeadId = JsonEncodedText.Encode("leadId");
        public static readonly JsonEncodedText ConvertedLeadId = JsonEncodedText.Encode("convertedLeadId");
        public static readonly JsonEncodedText MatchedOn = JsonEncodedText.Encode("matchedOn");
        public static readonly JsonEncodedText Ambiguous = JsonEncodedText.Encode("ambiguous");
        public static readonly JsonEncodedText Candidates = JsonEncodedText.Encode("candidates");
        public static readonly JsonEncodedText TieBreak = JsonEncodedText.Encode("tieBreak");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText Lookup = JsonEncodedText.Encode("lookup");

        public static readonly JsonEncodedText Associated = JsonEncodedText.Encode("associated");
        public static readonly JsonEncodedText Internal = JsonEncodedText.Encode("internal");
        public static readonly JsonEncodedText Unmatched = JsonEncodedText.Encode("unmatched");
        public static readonly JsonEncodedText Spam = JsonEncodedText.Encode("spam");
        public static readonly JsonEncodedText Automated = JsonEncodedText.Encode("automated");
        public static readonly JsonEncodedText Invalid = JsonEncodedText.Encode("invalid");
        public static readonly JsonEncodedText External = JsonEncodedText.Encode("external");
    }
}
