using System.CommandLine;
using Stopwatch = System.Diagnostics.Stopwatch;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Linkage.Formats.Crm;
using Linkage.Formats.Sources;
using Linkage.Storage;

namespace Linkage.Cli;

/// <summary>
/// <c>linkage import crm PATH [--settings FILE] [--replace]</c> and <c>linkage import activities PATH…</c>:
/// upserts into the store (idempotent) and queues what needs association; <c>linkage associate</c> does it.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter stderr, bool stderrIsRedirected) =>
        new("import", "Import a CRM snapshot or activities into the store (upserts; run 'associate' afterwards).")
        {
            Crm(stderr, stderrIsRedirected),
            Activities(stderr, stderrIsRedirected),
        };

    private static Command Crm(TextWriter stderr, bool stderrIsRedirected)
    {
        var path = new Argument<string>("PATH") { Description = "The CRM: a canonical JSON snapshot, a Salesforce export folder, or HubSpot CSV exports." };
        var settings = new Option<string?>("--settings") { Description = "Replace the workspace's settings with this file (JSON)." };
        var replace = new Option<bool>("--replace") { Description = "The snapshot is complete: delete stored records it lacks." };
        var inputs = new InputOptions();
        var store = StoreOptions.WithDefaults();
        var command = new Command("crm", "Upsert a CRM snapshot into the workspace.") { path, settings, replace, inputs.CrmFormatOption };
        store.AddTo(command);
        command.SetAction(parse => StoreOptions.Run(parse, store, stderr, (s, ws) =>
        {
            var clock = Stopwatch.StartNew();
            LinkageSettings? newSettings = parse.GetValue(settings) is { } settingsPath ? SettingsReader.ReadFile(settingsPath) : null;
            string crmPath = parse.GetRequiredValue(path);
            CrmRead crm = CrmInputs.Read(crmPath, inputs.CrmFormatOf(parse));
            foreach (SourceProblem problem in crm.Problems)
            {
                stderr.WriteLine($"linkage: {problem}");
            }

            if (newSettings is not null && s.ReplaceSettings(ws, newSettings))
            {
                stderr.WriteLine($"linkage: settings replaced; every activity of workspace '{ws}' is queued for association");
            }

            ImportReport report = s.ImportCrm(ws, crm.Snapshot, parse.GetValue(replace), Progress(stderr, stderrIsRedirected));
            stderr.WriteLine($"linkage: CRM imported into workspace '{ws}' of {StoreOptions.Describe(store.DbOf(parse))}: " +
                $"{report.Added:N0} added, {report.Changed:N0} changed, {report.Unchanged:N0} unchanged, {report.Deleted:N0} deleted; " +
                $"{report.Queued:N0} activities queued, in {clock.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Ok;
        }, create: true));
        return command;
    }

    private static Command Activities(TextWriter stderr, bool stderrIsRedirected)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders of activities (canonical JSON Lines, Gong, .eml, .mbox, .ics, Twilio CSV).", Arity = ArgumentArity.OneOrMore };
        var strict = new Option<bool>("--strict") { Description = "Exit with code 1 when any activity was malformed (the others are still imported)." };
        var inputs = new InputOptions();
        var store = StoreOptions.WithDefaults();
        var command = new Command("activities", "Upsert activities into the workspace; new and changed ones are queued for association.")
        {
            paths, strict, inputs.ActivitiesFormatOption, inputs.From, inputs.To,
        };
        store.AddTo(command);
        command.SetAction(parse => StoreOptions.Run(parse, store, stderr, (s, ws) =>
        {
            var clock = Stopwatch.StartNew();
            ActivityInputs source = ActivityInputs.Open(parse.GetRequiredValue(paths), inputs.ActivitiesFormatOf(parse), inputs.WindowOf(parse));
            long malformed = 0;
            IEnumerable<Activity> Decoded()
            {
                foreach (SourceItem item in source.Read())
                {
                    ActivityParse decoded = item.Decode();
                    if (decoded.Activity is { } activity)
                    {
                        yield return activity;
                    }
                    else
                    {
                        malformed++;
                        stderr.WriteLine($"linkage: {item.Location.Skipped(decoded.Problem!)}");
                    }
                }
            }

            ImportReport report = s.ImportActivities(ws, Decoded(), Progress(stderr, stderrIsRedirected));
            stderr.WriteLine($"linkage: activities imported into workspace '{ws}' of {StoreOptions.Describe(store.DbOf(parse))}: " +
                $"{report.Added:N0} added, {report.Changed:N0} changed, {report.Unchanged:N0} unchanged, {malformed:N0} malformed; " +
                $"{report.Queued:N0} queued, in {clock.Elapsed.TotalSeconds:F1} s");
            return parse.GetValue(strict) && malformed > 0 ? ExitCodes.MalformedActivities : ExitCodes.Ok;
        }, create: true));
        return command;
    }

    /// <summary>Committed batches, as they happen, when a person is watching.</summary>
    internal static IProgress<string>? Progress(TextWriter stderr, bool stderrIsRedirected) =>
        stderrIsRedirected ? null : new SyncProgress(line => stderr.WriteLine($"linkage: committed {line}"));

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
