using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Storage.Keys;
using Linkage.Storage.Sql;

namespace Linkage.Storage;

/// <summary>
/// Plans submissions for one engine without a store connection: what a server computes per request
/// outside the workspace's lock, beside other requests. Build one per engine (it copies the settings'
/// key rules, which costs more than planning a small request).
/// </summary>
public sealed class SubmitPlanner
{
    private readonly KeyContext _context;
    private readonly int _maxParallelism;

    /// <param name="associator">The workspace's engine.</param>
    /// <param name="settings">The settings <paramref name="associator"/> was built with.</param>
    /// <param name="maxParallelism">
    /// Threads one plan may use (-1: all cores). A server whose writer is its bottleneck leaves that writer a
    /// core: a plan spread over every core preempts the write it waits behind.
    /// </param>
    public SubmitPlanner(Associator associator, LinkageSettings settings, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(associator);
        ArgumentNullException.ThrowIfNull(settings);
        if (maxParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "a positive number of threads, or -1 for all cores");
        }

        Associator = associator;
        _context = new KeyContext(settings, ReferenceData.Bundled);
        _maxParallelism = maxParallelism;
    }

    public Associator Associator { get; }

    /// <summary>The associations of <paramref name="activities"/> (repeated ids once, the last wins), not yet written.</summary>
    public SubmitPlan Plan(string workspace, IReadOnlyList<Activity> activities) => SqlStore.Plan(workspace, activities, Associator, _context, _maxParallelism);
}
