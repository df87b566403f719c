using System.Text.Json;
using Linkage.Core.Model;
using Linkage.Server.Auth;
using Linkage.Server.Hosting;
using Linkage.Server.Workspaces;
using Linkage.Storage;
using Linkage.Storage.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Linkage.Server.Api;

/// <summary><c>/api/activities</c>: submit a batch and get associations back; read one with its explanation; pin and unpin.</summary>
internal static class ActivityEndpoints
{
    // Enough to share a transaction's fixed cost among many small requests; small enough that a request
    // joining a group does not wait for a long write.
    private const int MaxSubmitGroup = 2_000;

    // Activities of one batch planned and written together (see SubmitWork).
    internal const int SubmitChunk = 500;

    public static void Map(RouteGroupBuilder api)
    {
        RouteGroupBuilder activities = api.MapGroup("/activities").WithTags("Activities");
        activities.MapPost("/", Submit)
            .WithSummary("Associate a batch of activities")
            .WithDescription("Body: a JSON array of canonical activities. They are stored, associated with the workspace's CRM, and answered in order with their canonical association lines (a pinned activity's line is the pinned one). Repeated ids count once; the last wins.")
            .Accepts<object[]>("application/json").Produces<BatchResponse>().ProducesValidationProblem().ProducesProblem(413);
        activities.MapGet("/{id}", Get)
            .WithSummary("One activity, its association and why")
            .Produces<ActivityView>().ProducesProblem(404);
        activities.MapPut("/{id}/pin", Pin)
            .WithSummary("Pin an activity to exactly these records")
            .Accepts<PinRequest>("application/json")
            .Produces<ActivityView>().ProducesValidationProblem().ProducesProblem(404);
        activities.MapDelete("/{id}/pin", Unpin)
            .WithSummary("Remove a pin; the automatic association applies again")
            .Produces<ActivityView>().ProducesProblem(404);
    }

    private static async Task<IResult> Submit(HttpContext http, IWorkspaceEngines engines, ServerOptions options, CancellationToken cancel)
    {
        (byte[]? body, IResult? problem) = await RequestBody.ReadAsync(http.Request, options.MaxBodyBytes, cancel);
        return body is null ? problem! : await engines.RunAsync(ApiKeyMiddleware.WorkspaceOf(http), new WorkspaceWork(WorkspaceOp.Submit, body), cancel);
    }

    internal static async Task<IResult> SubmitWork(WorkspaceCall call)
    {
        (ActivityBatch? batch, IResult? bad) = ActivityBatch.Read(call.Work.Body, call.Options.MaxBatch, keep: SubmitChunk);
        if (batch is null)
        {
            return bad!;
        }

        // A big batch goes to the store in chunks, each parsed and planned while the one before it is
        // written. Planned whole, a batch of 5,000 held ~17 MB of activities and results until its one write
        // ended, and every collection in between copied it (measured: docs/performance.md, "seventh
        // session"). Each chunk is written in its own transaction (with other requests' chunks:
        // SubmitGroups), so a batch is not atomic; resubmitting one is harmless, since an unchanged activity
        // is not written again.
        var answer = new BatchAnswer();
        Task<IReadOnlyList<string>>? writing = null;
        for (int from = 0; from < batch.Count; from += SubmitChunk)
        {
            call.Cancel.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            SubmitPlan plan = call.Slot.Engine().Planner.Plan(call.Workspace, batch.Activities(from, SubmitChunk));
            ServerMetrics.SubmitPlan.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (writing is not null)
            {
                answer.Add(await writing);
            }

            writing = Write(call, plan);
        }

        if (writing is not null)
        {
            answer.Add(await writing);
        }

        return answer;
    }

    // The engine's part ran outside the workspace's lock and beside other requests; concurrent requests'
    // plans are written together (SubmitGroups), each still answered with exactly its own lines.
    private static async Task<IReadOnlyList<string>> Write(WorkspaceCall call, SubmitPlan plan)
    {
        long queued = Stopwatch.GetTimestamp();
        IReadOnlyList<string> lines = await call.Slot.Submits.SubmitAsync(plan, plan.Order, call.Slot, plans =>
        {
            // Under the lock: plans computed before a CRM or settings change are computed again by Submit.
            long writing = Stopwatch.GetTimestamp();
            using StorePool.Lease lease = call.Stores.Rent();
            IReadOnlyList<string> written = lease.Store.Submit(SubmitPlan.Combine(plans), call.Slot.Engine().Associator);
            ServerMetrics.SubmitWrite.Record(Stopwatch.GetElapsedTime(writing).TotalMilliseconds);
            ServerMetrics.SubmitGroup.Record(plans.Count);
            return written;
        }, MaxSubmitGroup, call.Cancel);
        ServerMetrics.SubmitQueued.Record(Stopwatch.GetElapsedTime(queued).TotalMilliseconds);
        return lines;
    }

    private static IResult Get(HttpContext http, string id, StorePool stores)
    {
        using StorePool.Lease lease = stores.Rent();
        return View(lease.Store, ApiKeyMiddleware.WorkspaceOf(http), id) is { } view ? TypedResults.Ok(view) : Problems.NotFound($"activity '{id}'");
    }

    private static async Task<IResult> Pin(HttpContext http, string id, IWorkspaceEngines engines, ServerOptions options, CancellationToken cancel)
    {
        (byte[]? body, IResult? problem) = await RequestBody.ReadAsync(http.Request, options.MaxBodyBytes, cancel);
        return body is null ? problem! : await engines.RunAsync(ApiKeyMiddleware.WorkspaceOf(http), new WorkspaceWork(WorkspaceOp.Pin, body, id), cancel);
    }

    internal static async Task<IResult> PinWork(WorkspaceCall call)
    {
        (PinRequest? body, IResult? problem) = JsonBody.Parse<PinRequest>(call.Work.Body);
        if (body is null)
        {
            return problem!;
        }

        var ids = StoredIds.Normalised(body.Contacts ?? [], body.Accounts ?? [], body.Leads ?? [], body.Deals ?? []);
        if (ids.IsEmpty)
        {
            return Problems.BadField("contacts", "a pin needs at least one of contacts, accounts, leads, deals (to go back to automatic, DELETE the pin)");
        }

        string workspace = call.Workspace, id = call.Work.First!;
        using (await call.Slot.LockAsync(call.Cancel))
        {
            using StorePool.Lease lease = call.Stores.Rent();
            if (lease.Store.Activity(workspace, id) is null)
            {
                return Problems.NotFound($"activity '{id}'");
            }

            lease.Store.Pin(workspace, id, ids);
            call.Slot.Changed();
            return TypedResults.Ok(View(lease.Store, workspace, id));
        }
    }

    private static Task<IResult> Unpin(HttpContext http, string id, IWorkspaceEngines engines, CancellationToken cancel) =>
        engines.RunAsync(ApiKeyMiddleware.WorkspaceOf(http), new WorkspaceWork(WorkspaceOp.Unpin, [], id), cancel);

    internal static async Task<IResult> UnpinWork(WorkspaceCall call)
    {
        string workspace = call.Workspace, id = call.Work.First!;
        using (await call.Slot.LockAsync(call.Cancel))
        {
            using StorePool.Lease lease = call.Stores.Rent();
            if (lease.Store.Activity(workspace, id) is null)
            {
                return Problems.NotFound($"activity '{id}'");
            }

            lease.Store.Unpin(workspace, id);
            call.Slot.Changed();
            return TypedResults.Ok(View(lease.Store, workspace, id));
        }
    }

    internal static ActivityView? View(ILinkageStore store, string workspace, string id)
    {
        if (store.Activity(workspace, id) is not { } activity || store.Association(workspace, id) is not { } association)
        {
            return null;
        }

        JsonElement? line = association.ExportLine is { } text ? JsonDocument.Parse(text).RootElement.Clone() : null;
        IReadOnlyList<HistoryView> history = [.. store.History(workspace, id).Select(h => new HistoryView(h.At, h.Cause, h.Summary, h.Manual))];
        return new ActivityView(activity, line, association.IsPinned, association.PinnedAt, association.PendingReason, history);
    }
}
