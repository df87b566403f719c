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
        using BenchInputs inputs = BenchInputs.Load(args);
        (string workspace, Associator associator, List<Activity> activities, int chunk) = (inputs.Workspace, inputs.Associator, inputs.Activities, inputs.Size);
        int count = activities.Count;
        var planner = new SubmitPlanner(associator, inputs.Settings, maxParallelism: 1);
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
