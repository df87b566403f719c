using System.CommandLine;

namespace Linkage.Cli;

/// <summary><c>linkage associate --crm … --activities … [--settings …] [--out …] [--strict]</c>.</summary>
internal static class AssociateCommand
{
    public static Command Create(Stream stdout, TextWriter stderr, bool stderrIsRedirected)
    {
        var crm = new Option<string>("--crm") { Description = "The CRM snapshot (canonical JSON).", Required = true };
        var activities = new Option<string>("--activities") { Description = "The activities (canonical JSON Lines).", Required = true };
        var settings = new Option<string?>("--settings") { Description = "The settings (JSON); defaults when absent." };
        var output = new Option<string?>("--out") { Description = "Where to write associations (JSON Lines); standard output when absent." };
        var strict = new Option<bool>("--strict") { Description = "Exit with code 1 when any activity line was malformed." };
        var command = new Command("associate", "Associate activities with CRM records.") { crm, activities, settings, output, strict };
        command.SetAction((parse, cancel) =>
        {
            var options = new AssociateOptions(
                parse.GetRequiredValue(crm),
                parse.GetRequiredValue(activities),
                parse.GetValue(settings),
                parse.GetValue(output),
                parse.GetValue(strict));
            return new AssociateRun(options, stdout, stderr, showProgress: !stderrIsRedirected).ExecuteAsync(cancel);
        });
        return command;
    }
}

/// <summary>What <c>associate</c> was asked to do.</summary>
internal sealed record AssociateOptions(string CrmPath, string ActivitiesPath, string? SettingsPath, string? OutPath, bool Strict);
