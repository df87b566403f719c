using System.CommandLine;
using System.Diagnostics;
using Linkage.Storage;

namespace Linkage.Cli;

/// <summary>
/// <c>linkage associate --db … [--workspace …]</c>: associates what the store queued (new activities, and
/// those a CRM or settings change can affect). Chosen when <c>--db</c> or <c>--workspace</c> is given, or
/// when neither <c>--crm</c> nor <c>--activities</c> is; otherwise <c>associate</c> runs on files.
/// </summary>
internal static class StoreAssociate
{
    /// <summary>The store run or a usage error; null when the file run should go ahead.</summary>
    public static Task<int>? Intercept(ParseResult parse, StoreOptions store, Option<string> crm, Option<string[]> activities,
        TextWriter stderr, bool showProgress, Func<string, string?> environment)
    {
        bool storeNamed = parse.GetValue(store.Db) is not null || parse.GetValue(store.Workspace) is not null;
        bool hasCrm = parse.GetValue(crm) is not null;
        bool hasActivities = parse.GetValue(activities) is { Length: > 0 };
        if (storeNamed || (!hasCrm && !hasActivities))
        {
            if (hasCrm || hasActivities)
            {
                stderr.WriteLine("linkage: associate takes either --db/--workspace (the store) or --crm and --activities (files), not both; " +
                    "to add files to the store use 'linkage import crm' and 'linkage import activities'");
                return Task.FromResult(ExitCodes.BadInput);
            }

            return Task.FromResult(Run(parse, store, stderr, showProgress, environment));
        }

        if (!hasCrm || !hasActivities)
        {
            stderr.WriteLine($"linkage: associate on files needs {(hasCrm ? "--activities" : "--crm")} as well");
            return Task.FromResult(ExitCodes.BadInput);
        }

        return null;
    }

    private static int Run(ParseResult parse, StoreOptions options, TextWriter stderr, bool showProgress, Func<string, string?> environment) =>
        StoreOptions.Run(parse, options, stderr, (store, ws) =>
        {
            var clock = Stopwatch.StartNew();
            CrmApiConfig? api = CrmApiConfig.From(environment);
            using DialerSession? dialer = api is null ? null : DialerSession.Open(api, store.Settings(ws), store, ws);
            AssociateReport report = store.Associate(ws, ImportCommand.Progress(stderr, !showProgress), dialer?.Lookup);
            dialer?.Finish(stderr);
            string calls = dialer is null ? string.Empty : $"; {dialer.Lookup.ApiCalls:N0} CRM API calls";
            stderr.WriteLine($"linkage: workspace '{ws}': {report.Recomputed:N0} activities associated " +
                $"({report.Changed:N0} changed{(report.WholeSnapshot ? ", from the whole snapshot" : string.Empty)}) in {clock.Elapsed.TotalSeconds:F2} s{calls}");
            return ExitCodes.Ok;
        });
}
