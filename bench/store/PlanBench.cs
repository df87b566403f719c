using System.Diagnostics;
using System.Globalization;
using System.Text;
using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Formats.Canonical;
using Linkage.Storage;
using Activity = Linkage.Core.Model.Activity;

/// <summary>
/// The engine's part of a submission on one thread, as the server plans a chunk: the engine alone
/// (Associator.Associate), then SubmitPlanner.Plan (the engine plus the line, the stored JSON, the keys
/// and history's ids), over the same COUNT activities in chunks of CHUNK, each measured twice (the
/// second pass finds the key memo warm). The difference is what a plan costs beyond the engine.
/// </summary>
internal static class PlanBench
{
    public static int Run(string[] args)
    {
        string db = args[0], workspace = args[1], file = args[2];
        int count = int.Parse(args[3], CultureInfo.InvariantCulture), chunk = int.Parse(args[4], CultureInfo.InvariantCulture);
        using ILinkageStore store = LinkageStore.Open(db, create: false);
        var settings = store.Settings(workspace);
        var associator = Associator.Create(store.Snapshot(workspace), settings, ReferenceData.Bundled);
        var planner = new SubmitPlanner(associator, settings, maxParallelism: 1);
        List<Activity> activities = [.. File.ReadLines(file).Take(count).Select(l => ActivityLineParser.Parse(Encoding.UTF8.GetBytes(l)).Activity!)];
        for (int pass = 1; pass <= 4; pass++)
        {
            double engine = Time(() =>
            {
                foreach (Activity a in activities)
                {
                    associator.Associate(a);
                }
            });
            double plan = Time(() =>
            {
                foreach (Activity[] c in activities.Chunk(chunk))
                {
                    planner.Plan(workspace, c);
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: engine {engine * 1e6 / count:F1} µs, plan {plan * 1e6 / count:F1} µs per activity (one thread)"));
        }

        return 0;
    }

    private static double Time(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }
}
