using BenchmarkDotNet.Attributes;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Generator;

namespace Linkage.Benchmarks;

/// <summary>Index build for a 100,000-contact world; divide by <see cref="Records"/> for the cost per record.</summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private CrmSnapshot _snapshot = new();

    public static long Records { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = Worlds.Snapshot(new World(new WorldSize(100_000, 0, 42)));
        Records = _snapshot.Users.Count + _snapshot.Accounts.Count + _snapshot.Contacts.Count + _snapshot.Leads.Count + _snapshot.Deals.Count + _snapshot.DealContacts.Count;
    }

    [Benchmark]
    public CrmIndex Build_index_100k_contacts() => CrmIndex.Build(_snapshot, World.Settings, ReferenceData.Bundled);
}
