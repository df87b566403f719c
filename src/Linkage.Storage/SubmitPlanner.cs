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

    /// <param name="associator">The workspace's engine.</param>
    /// <param name="settings">The settings <paramref name="associator"/> was built with.</param>
    public SubmitPlanner(Associator associator, LinkageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(associator);
        ArgumentNullException.ThrowIfNull(settings);
        Associator = associator;
        _context = new KeyContext(settings, ReferenceData.Bundled);
    }

    public Associator Associator { get; }

    /// <summary>The associations of <paramref name="activities"/> (repeated ids once, the last wins), not yet written.</summary>
    public SubmitPlan Plan(string workspace, IReadOnlyList<Activity> activities) => SqlStore.Plan(workspace, activities, Associator, _context);
}
