using BenchmarkDotNet.Running;
using Linkage.Benchmarks;

// `engine-throughput` is a plain timing loop over many activities (both cores, then one), which is how
// the per-second targets are stated; everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "engine-throughput")
{
    return EngineThroughput.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "pipeline")
{
    return PipelineTimer.Run(args[1]);
}

if (args.Length > 0 && args[0] == "stages")
{
    return StageTimer.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "load")
{
    return args.Length > 2 && args[2] == "--prepared" ? LoadTimer.RunPrepared(args[1]) : LoadTimer.Run(args[1]);
}

if (args.Length > 0 && args[0] == "shapes")
{
    return ShapeTimer.Run();
}

if (args.Length > 0 && args[0] == "sql-baseline")
{
    return SqlBaseline.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "quick")
{
    var n = new NormaliserBenchmarks();
    foreach (var m in typeof(NormaliserBenchmarks).GetMethods().Where(m => m.DeclaringType == typeof(NormaliserBenchmarks)))
    {
        Console.WriteLine($"{m.Name}: {QuickTimer.NanosecondsPerOp(() => m.Invoke(n, null)):F0} ns");
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
