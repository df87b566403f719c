using Linkage.Core.Engine;
using Linkage.Core.Model;

namespace Linkage.Storage;

/// <summary>
/// Activities with the associations an engine computed for them, not yet written: the engine's part of a
/// submission, which can run outside the workspace's write lock and in parallel with other requests.
/// <see cref="ILinkageStore.Submit(SubmitPlan, Associator)"/> writes it, recomputing it first if the engine
/// has been replaced since (a CRM or settings change came in between).
/// </summary>
public sealed class SubmitPlan
{
    internal SubmitPlan(string workspace, IReadOnlyList<string> order, IReadOnlyDictionary<string, Activity> byId, object?[] computed, Associator? associator)
    {
        Workspace = workspace;
        Order = order;
        ById = byId;
        Computed = computed;
        Associator = associator;
    }

    /// <summary>The workspace the plan is for.</summary>
    public string Workspace { get; }

    /// <summary>The distinct activity ids, in order of first appearance (the last activity of an id wins).</summary>
    public IReadOnlyList<string> Order { get; }

    internal IReadOnlyDictionary<string, Activity> ById { get; }

    /// <summary>One computed association per id of <see cref="Order"/> (a back end's own type).</summary>
    internal object?[] Computed { get; }

    /// <summary>The engine the associations were computed with; null when combined plans disagree (all are computed again).</summary>
    internal Associator? Associator { get; }

    /// <summary>
    /// Plans of one workspace with no id in common, as one plan whose order is theirs one after another.
    /// </summary>
    public static SubmitPlan Combine(IReadOnlyList<SubmitPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 1)
        {
            return plans[0];
        }

        var order = new List<string>();
        var byId = new Dictionary<string, Activity>(StringComparer.Ordinal);
        var computed = new List<object?>();
        foreach (SubmitPlan p in plans)
        {
            if (p.Workspace != plans[0].Workspace)
            {
                throw new ArgumentException("plans to combine must be for one workspace", nameof(plans));
            }

            foreach (string id in p.Order)
            {
                if (!byId.TryAdd(id, p.ById[id]))
                {
                    throw new ArgumentException($"activity '{id}' is in two of the plans to combine", nameof(plans));
                }

                order.Add(id);
            }

            computed.AddRange(p.Computed);
        }

        Associator? engine = plans.All(p => p.Associator == plans[0].Associator) ? plans[0].Associator : null;
        return new SubmitPlan(plans[0].Workspace, order, byId, [.. computed], engine);
    }
}
