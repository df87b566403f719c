using Linkage.Storage;

namespace Linkage.Server.Workspaces;

/// <summary>One workspace's engine as the work running against it sees it, wherever it is held.</summary>
public interface IWorkspaceSlot
{
    /// <summary>The engine, built from the store on first use after a change.</summary>
    WorkspaceEngine Engine();

    /// <summary>The CRM or settings changed: the next use builds a new engine.</summary>
    void Invalidate();

    /// <summary>Anything in the workspace changed (activities, pins): derived views such as coverage are stale.</summary>
    void Changed();

    /// <summary>The workspace's queue of submissions waiting to be written together (group commit).</summary>
    SubmitGroups<SubmitPlan> Submits { get; }

    /// <summary>Held while writing; where writes are already serialised (a grain) it holds nothing.</summary>
    Task<IDisposable> LockAsync(CancellationToken cancel);
}
