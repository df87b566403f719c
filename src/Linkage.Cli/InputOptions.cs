using System.CommandLine;
using Linkage.Formats;
using Linkage.Formats.Crm;
using Linkage.Formats.Sources;
using Linkage.Formats.Text;

namespace Linkage.Cli;

/// <summary>The input options <c>associate</c> and <c>convert</c> share: where the CRM and activities are, and how to read them.</summary>
internal sealed class InputOptions
{
    public Option<string?> CrmFormatOption { get; } = new Option<string?>("--crm-format")
    {
        Description = "Read --crm as this format instead of detecting it.",
    }.AcceptOnlyFromAmong([.. CrmFormatNames.All]);

    public Option<string?> ActivitiesFormatOption { get; } = new Option<string?>("--activities-format")
    {
        Description = "Read every --activities file as this format instead of detecting it.",
    }.AcceptOnlyFromAmong([.. ActivityFormatNames.All]);

    public Option<string?> From { get; } = new("--from")
    {
        Description = "Calendar files: take occurrences starting at or after this time (ISO 8601; a date means its midnight UTC).",
    };

    public Option<string?> To { get; } = new("--to")
    {
        Description = "Calendar files: take occurrences starting before this time; now when absent.",
    };

    public static Option<string[]> Activities(string description, bool required) => new("--activities")
    {
        Description = description,
        Required = required,
        AllowMultipleArgumentsPerToken = true,
        Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
    };

    public CrmFormat? CrmFormatOf(ParseResult parse) =>
        CrmFormatNames.TryParse(parse.GetValue(CrmFormatOption), out CrmFormat f) ? f : null;

    public ActivityFormat? ActivitiesFormatOf(ParseResult parse) =>
        ActivityFormatNames.TryParse(parse.GetValue(ActivitiesFormatOption), out ActivityFormat f) ? f : null;

    /// <summary>The calendar window; a time that does not parse is an <see cref="InputException"/> naming the option.</summary>
    public CalendarWindow WindowOf(ParseResult parse) =>
        new(Time(parse.GetValue(From), "--from"), Time(parse.GetValue(To), "--to"), DateTimeOffset.UtcNow);

    private static DateTimeOffset? Time(string? text, string option) =>
        text is null ? null
        : VendorTime.TryParseInstant(text, out DateTimeOffset t) ? t
        : throw new InputException(option, null, $"'{text}' is not a date or time (write 2026-02-10 or 2026-02-10T15:00:00Z)");
}
