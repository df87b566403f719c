using Linkage.Server.Api;
using Linkage.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Workspaces;

/// <summary>Work for one workspace with everything it runs against.</summary>
public sealed record WorkspaceCall(string Workspace, WorkspaceWork Work, IWorkspaceSlot Slot, StorePool Stores, ServerOptions Options, CancellationToken Cancel)
{
    /// <summary>Runs the work: the same code whether called in this process or inside a grain.</summary>
    public Task<IResult> RunAsync() => Work.Op switch
    {
        WorkspaceOp.Submit => ActivityEndpoints.SubmitWork(this),
        WorkspaceOp.Pin => ActivityEndpoints.PinWork(this),
        WorkspaceOp.Unpin => ActivityEndpoints.UnpinWork(this),
        WorkspaceOp.UpsertRecords => CrmEndpoints.UpsertWork(this),
        WorkspaceOp.DeleteRecords => CrmEndpoints.DeleteWork(this),
        WorkspaceOp.PutSettings => CrmEndpoints.PutSettingsWork(this),
        WorkspaceOp.Search => Task.FromResult(SearchEndpoints.SearchWork(this)),
        WorkspaceOp.Record => Task.FromResult(SearchEndpoints.RecordWork(this)),
        _ => throw new ArgumentOutOfRangeException(nameof(Work), Work.Op, "unknown workspace operation"),
    };
}
