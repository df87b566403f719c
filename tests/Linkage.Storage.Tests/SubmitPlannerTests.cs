using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Storage.Tests.Support;

namespace Linkage.Storage.Tests;

/// <summary>A plan limited to fewer threads (the server leaves its writer a core) is the same plan.</summary>
public sealed class SubmitPlannerTests : IDisposable
{
    private const string Ws = "default";
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-plan-").FullName;
    private readonly ManualClock _clock = new(TestWorld.Time("2026-03-01T12:00:00Z"));

    [Fact]
    public void A_plan_on_one_thread_writes_the_same_lines_as_a_plan_on_all_cores()
    {
        // Enough activities that the planner goes parallel (64 or more), with repeated addresses.
        string[] addresses = ["jane@acme.com", "bob@acme.com", "lee@hooli.io", "someone@unknown.example", "not an address"];
        Activity[] activities = [.. Enumerable.Range(0, 300).Select(i => TestWorld.Email($"P{i}", addresses[i % addresses.Length]))];

        Assert.Equal(Written("all", activities, maxParallelism: -1), Written("one", activities, maxParallelism: 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_planner_needs_a_positive_thread_count_or_minus_one(int maxParallelism)
    {
        var associator = Associator.Create(TestWorld.Snapshot(), TestWorld.Settings);

        Assert.Throws<ArgumentOutOfRangeException>(() => new SubmitPlanner(associator, TestWorld.Settings, maxParallelism));
    }

    private IReadOnlyList<string> Written(string name, Activity[] activities, int maxParallelism)
    {
        using ILinkageStore store = LinkageStore.Open(Path.Combine(_folder, name + ".db"), _clock);
        store.ReplaceSettings(Ws, TestWorld.Settings);
        store.ImportCrm(Ws, TestWorld.Snapshot(), replace: false);
        var associator = Associator.Create(TestWorld.Snapshot(), TestWorld.Settings);
        SubmitPlan plan = new SubmitPlanner(associator, TestWorld.Settings, maxParallelism).Plan(Ws, activities);
        return store.Submit(plan, associator);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
