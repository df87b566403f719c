using BenchmarkDotNet.Attributes;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Generator;

namespace Linkage.Benchmarks;

/// <summary>
/// Association per activity, by kind, against a 100,000-contact index: each invocation associates
/// <see cref="Batch"/> distinct generated activities of that kind (so caches see realistic variety).
/// </summary>
[MemoryDiagnoser]
public class AssociateBenchmarks
{
    public const int Batch = 4096;

    private Associator _associator = null!;
    private Dictionary<ActivityType, Activity[]> _byKind = [];

    [Params(ActivityType.Email, ActivityType.Call, ActivityType.Meeting, ActivityType.Engagement)]
    public ActivityType Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var world = new World(new WorldSize(100_000, 200_000, 42));
        _associator = Worlds.Associator(world);
        _byKind = Enumerable.Range(0, 100_000).Select(i => world.Activity(i)).GroupBy(a => a.Type)
            .ToDictionary(g => g.Key, g => g.Take(Batch).ToArray());
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Associate_one_activity()
    {
        int ids = 0;
        foreach (Activity activity in _byKind[Kind])
        {
            ids += _associator.Associate(activity).Accounts.Count;
        }

        return ids;
    }
}
