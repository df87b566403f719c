using System.CommandLine;
using System.Diagnostics;
using Linkage.Generator;

namespace Linkage.Cli;

/// <summary><c>linkage generate --contacts N --activities M --seed S --out DIR</c>: a realistic world for tests and benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter stderr)
    {
        var contacts = new Option<long>("--contacts") { Description = "Number of CRM contacts (accounts, leads, deals and users follow from it).", DefaultValueFactory = _ => 10_000 };
        var activities = new Option<long>("--activities") { Description = "Number of activities.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<ulong>("--seed") { Description = "The world's seed; the same seed gives the same bytes.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder to write crm.json, settings.json and activities.jsonl into.", Required = true };
        var command = new Command("generate", "Generate a deterministic, realistic world (CRM, settings, activities).") { contacts, activities, seed, output };
        command.SetAction(parse =>
        {
            long n = parse.GetValue(contacts), m = parse.GetValue(activities);
            if (n < 1 || m < 0)
            {
                stderr.WriteLine("linkage: --contacts must be at least 1 and --activities at least 0");
                return ExitCodes.BadInput;
            }

            var clock = Stopwatch.StartNew();
            var world = new World(new WorldSize(n, m, parse.GetValue(seed)));
            WorldWriter.Write(world, parse.GetRequiredValue(output), new Progress<string>(line => stderr.WriteLine($"linkage: writing {line}")));
            stderr.WriteLine($"linkage: world written to {parse.GetRequiredValue(output)} in {clock.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Ok;
        });
        return command;
    }
}
