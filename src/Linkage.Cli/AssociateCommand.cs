using System.CommandLine;
using Linkage.Formats.Crm;
using Linkage.Formats.Sources;

namespace Linkage.Cli;

/// <summary><c>linkage associate --crm … --activities … [--settings …] [--out …] [--strict]</c>.</summary>
internal static class AssociateCommand
{
    public static Command Create(Stream stdout, TextWriter stderr, bool stderrIsRedirected, Func<string, string?> environment)
    {
        var inputs = new InputOptions();
        var crm = new Option<string>("--crm") { Description = "The CRM: a canonical JSON snapshot, a Salesforce export folder, or HubSpot CSV exports (a file or a folder). Required unless the store is used (--db)." };
        var activities = InputOptions.Activities("The activities: files or folders of canonical JSON Lines, Gong calls JSON, .eml, .mbox, .ics or Twilio call-log CSV; repeatable. Required unless the store is used (--db).", required: false);
        var settings = new Option<string?>("--settings") { Description = "The settings (JSON); defaults when absent." };
        var output = new Option<string?>("--out") { Description = "Where to write associations (JSON Lines); standard output when absent." };
        var strict = new Option<bool>("--strict") { Description = "Exit with code 1 when any activity was malformed." };
        var command = new Command("associate", "Associate activities with CRM records.")
        {
            crm, activities, settings, output, strict, inputs.CrmFormatOption, inputs.ActivitiesFormatOption, inputs.From, inputs.To,
        };
        // The store run (associate what the store queued) lives in StoreAssociate.cs.
        var store = StoreOptions.Optional();
        store.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            if (StoreAssociate.Intercept(parse, store, crm, activities, stderr, showProgress: !stderrIsRedirected, environment) is { } storeRun)
            {
                return storeRun;
            }

            HugePages.TryRestart(parse.GetRequiredValue(crm), environment, stderr);
            var options = new AssociateOptions(
                parse.GetRequiredValue(crm),
                parse.GetRequiredValue(activities),
                parse.GetValue(settings),
                parse.GetValue(output),
                parse.GetValue(strict))
            {
                CrmFormat = inputs.CrmFormatOf(parse),
                ActivitiesFormat = inputs.ActivitiesFormatOf(parse),
                Window = inputs.WindowOf(parse),
                CrmApi = CrmApiConfig.From(environment),
            };
            return new AssociateRun(options, stdout, stderr, showProgress: !stderrIsRedirected).ExecuteAsync(cancel);
        });
        return command;
    }
}

/// <summary>What <c>associate</c> was asked to do.</summary>
internal sealed record AssociateOptions(string CrmPath, IReadOnlyList<string> ActivitiesPaths, string? SettingsPath, string? OutPath, bool Strict)
{
    /// <summary>Forced CRM format; detected when null.</summary>
    public CrmFormat? CrmFormat { get; init; }

    /// <summary>Forced activity format; detected per file when null.</summary>
    public ActivityFormat? ActivitiesFormat { get; init; }

    /// <summary>The range calendar occurrences are taken from.</summary>
    public CalendarWindow Window { get; init; } = CalendarWindow.Unbounded(DateTimeOffset.UtcNow);

    /// <summary>The CRM API dialer calls may look unknown numbers up in; none when null.</summary>
    public CrmApiConfig? CrmApi { get; init; }
}
