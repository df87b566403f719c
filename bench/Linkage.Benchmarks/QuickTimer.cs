using Stopwatch = System.Diagnostics.Stopwatch;

namespace Linkage.Benchmarks;

/// <summary>A rough ns/op loop for quick looks while profiling; BenchmarkDotNet gives the published figures.</summary>
public static class QuickTimer
{
    public static double NanosecondsPerOp(Action op, int iterations = 200_000)
    {
        ArgumentNullException.ThrowIfNull(op);
        for (int i = 0; i < iterations / 10; i++)
        {
            op();
        }

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            op();
        }

        return clock.Elapsed.TotalNanoseconds / iterations;
    }
}
