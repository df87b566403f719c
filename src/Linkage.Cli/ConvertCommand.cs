using System.CommandLine;
using Linkage.Formats;
using Linkage.Formats.Canonical;
using Linkage.Formats.Crm;
using Linkage.Formats.Sources;

namespace Linkage.Cli;

/// <summary>
/// <c>linkage convert (--crm PATH | --activities PATH…) [--out FILE]</c>: writes what Linkage reads from any
/// supported input as canonical JSON (a snapshot document, or activity JSON Lines), so that a person can
/// see, and fix, what was read.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var inputs = new InputOptions();
        var crm = new Option<string?>("--crm") { Description = "A CRM to write as a canonical snapshot document." };
        var activities = InputOptions.Activities("Activity files or folders to write as canonical JSON Lines; repeatable.", required: false);
        var output = new Option<string?>("--out") { Description = "The file to write; standard output when absent." };
        var strict = new Option<bool>("--strict") { Description = "Exit with code 1 when any activity or row was malformed." };
        var command = new Command("convert", "Write a CRM export or activity sources as canonical JSON.")
        {
            crm, activities, output, strict, inputs.CrmFormatOption, inputs.ActivitiesFormatOption, inputs.From, inputs.To,
        };
        command.SetAction(parse =>
        {
            string? crmPath = parse.GetValue(crm);
            string[] activityPaths = parse.GetValue(activities) ?? [];
            if ((crmPath is null) == (activityPaths.Length == 0))
            {
                stderr.WriteLine("linkage: convert takes either --crm or --activities (one conversion at a time)");
                return ExitCodes.BadInput;
            }

            string? outPath = parse.GetValue(output);
            Stream target = outPath is null ? stdout : OpenOutput(outPath);
            try
            {
                long problems = crmPath is not null
                    ? ConvertCrm(crmPath, inputs.CrmFormatOf(parse), target, stderr)
                    : ConvertActivities(activityPaths, inputs.ActivitiesFormatOf(parse), inputs.WindowOf(parse), target, stderr);
                target.Flush();
                return parse.GetValue(strict) && problems > 0 ? ExitCodes.MalformedActivities : ExitCodes.Ok;
            }
            finally
            {
                if (!ReferenceEquals(target, stdout))
                {
                    target.Dispose();
                }
            }
        });
        return command;
    }

    private static long ConvertCrm(string path, CrmFormat? format, Stream target, TextWriter stderr)
    {
        CrmRead read = CrmInputs.Read(path, format);
        foreach (SourceProblem problem in read.Problems)
        {
            stderr.WriteLine($"linkage: {problem}");
        }

        CanonicalWriter.WriteSnapshot(target, CanonicalWriter.SnapshotSections.From(read.Snapshot));
        Core.Model.CrmSnapshot s = read.Snapshot;
        stderr.WriteLine($"linkage: {path} read as {CrmFormatNames.Name(read.Format)}: {s.Users.Count} users, {s.Accounts.Count} accounts, " +
            $"{s.Contacts.Count} contacts, {s.Leads.Count} leads, {s.Deals.Count} deals, {s.DealContacts.Count} deal contacts; {read.Problems.Count} row(s) skipped");
        return read.Problems.Count;
    }

    private static long ConvertActivities(string[] paths, ActivityFormat? format, CalendarWindow window, Stream target, TextWriter stderr)
    {
        ActivityInputs inputs = ActivityInputs.Open(paths, format, window);
        long written = 0, skipped = 0;
        foreach (SourceItem item in inputs.Read())
        {
            ActivityParse parse = item.Decode();
            if (parse.Activity is { } activity)
            {
                CanonicalWriter.WriteActivityLine(target, activity);
                written++;
            }
            else
            {
                stderr.WriteLine($"linkage: {item.Location.Skipped(parse.Problem!)}");
                skipped++;
            }
        }

        stderr.WriteLine($"linkage: {written} activities written, {skipped} skipped");
        return skipped;
    }

    private static FileStream OpenOutput(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(path, null, $"cannot write output: {ex.Message}", ex);
        }
    }
}
