using Linkage.Core.Model;
using Linkage.Formats;
using Linkage.Formats.Canonical;
using Linkage.Server.Auth;
using Linkage.Server.Hosting;
using Linkage.Server.Workspaces;
using Linkage.Storage;
using Linkage.Storage.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Linkage.Server.Api;

/// <summary>
/// <c>/api/crm</c> and <c>/api/settings</c>: batch upserts and deletions of CRM records, and the settings.
/// A change queues the activities it can affect and re-associates them before answering (the store's
/// incremental run), so every later read is current; the workspace's engine is rebuilt on next use.
/// </summary>
internal static class CrmEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        RouteGroupBuilder crm = api.MapGroup("/crm").WithTags("CRM");
        crm.MapPost("/records", Upsert)
            .WithSummary("Upsert CRM records")
            .WithDescription("Body: the canonical CRM snapshot document (users, accounts, contacts, leads, deals, dealContacts; any subset). Records are matched by id; the last of repeated ids wins.")
            .Accepts<object>("application/json").Produces<CrmChangeResponse>().ProducesValidationProblem().ProducesProblem(413);
        crm.MapPost("/deletions", Delete)
            .WithSummary("Delete CRM records")
            .Accepts<CrmDeletions>("application/json")
            .WithDescription("Body: ids by kind, e.g. {\"contacts\":[\"C1\"],\"dealContacts\":[{\"dealId\":\"D1\",\"contactId\":\"C1\"}]}. Unknown ids are ignored.")
            .Produces<CrmChangeResponse>().ProducesValidationProblem();
        api.MapGet("/settings", GetSettings).WithTags("CRM").WithSummary("The workspace's settings").Produces<LinkageSettings>();
        api.MapPut("/settings", PutSettings).WithTags("CRM")
            .WithSummary("Replace the settings")
            .WithDescription("Body: the canonical settings document. Every activity is re-associated when they change.")
            .Accepts<LinkageSettings>("application/json").Produces<CrmChangeResponse>().ProducesValidationProblem();
    }

    private static Task<IResult> Upsert(HttpContext http, IWorkspaceEngines engines, ServerOptions options, CancellationToken cancel) =>
        Forward(http, engines, options, WorkspaceOp.UpsertRecords, cancel);

    private static Task<IResult> Delete(HttpContext http, IWorkspaceEngines engines, ServerOptions options, CancellationToken cancel) =>
        Forward(http, engines, options, WorkspaceOp.DeleteRecords, cancel);

    private static Task<IResult> PutSettings(HttpContext http, IWorkspaceEngines engines, ServerOptions options, CancellationToken cancel) =>
        Forward(http, engines, options, WorkspaceOp.PutSettings, cancel);

    /// <summary>Reads the body (within the size limit) and hands the change to where the workspace's engine lives.</summary>
    private static async Task<IResult> Forward(HttpContext http, IWorkspaceEngines engines, ServerOptions options, WorkspaceOp op, CancellationToken cancel)
    {
        (byte[]? body, IResult? problem) = await RequestBody.ReadAsync(http.Request, options.MaxBodyBytes, cancel);
        return body is null ? problem! : await engines.RunAsync(ApiKeyMiddleware.WorkspaceOf(http), new WorkspaceWork(op, body), cancel);
    }

    internal static async Task<IResult> UpsertWork(WorkspaceCall call)
    {
        CrmSnapshot snapshot;
        try
        {
            snapshot = SnapshotReader.Read(new MemoryStream(call.Work.Body), "request body");
        }
        catch (InputException ex)
        {
            return Problems.BadField(Field(ex.Place), ex.Problem);
        }

        List<CrmRecord> records = [.. CrmRecord.All(snapshot)];
        if (records.Count > call.Options.MaxBatch)
        {
            return Problems.BadField("records", $"at most {call.Options.MaxBatch:N0} records per request (--max-batch); this one has {records.Count:N0}");
        }

        return await Change(call, s => s.ApplyCrmChanges(call.Workspace, records, []));
    }

    internal static async Task<IResult> DeleteWork(WorkspaceCall call)
    {
        (CrmDeletions? body, IResult? problem) = JsonBody.Parse<CrmDeletions>(call.Work.Body);
        if (body is null)
        {
            return problem!;
        }

        var deletions = new List<(RecordKind Kind, string Id)>();
        string? bad = Add(RecordKind.User, body.Users, "users") ?? Add(RecordKind.Account, body.Accounts, "accounts")
            ?? Add(RecordKind.Contact, body.Contacts, "contacts") ?? Add(RecordKind.Lead, body.Leads, "leads") ?? Add(RecordKind.Deal, body.Deals, "deals");
        if (bad is not null)
        {
            return Problems.BadField(bad, "an id is missing or blank");
        }

        IReadOnlyList<RoleRef> roles = body.DealContacts ?? [];
        for (int i = 0; i < roles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(roles[i]?.DealId) || string.IsNullOrWhiteSpace(roles[i]?.ContactId))
            {
                return Problems.BadField($"dealContacts[{i}]", "a contact role is named by dealId and contactId, both required");
            }

            deletions.Add((RecordKind.DealContact, CrmRecord.Of(new DealContact { DealId = roles[i].DealId!, ContactId = roles[i].ContactId! }).Id));
        }

        if (deletions.Count > call.Options.MaxBatch)
        {
            return Problems.BadField("records", $"at most {call.Options.MaxBatch:N0} records per request (--max-batch); this one names {deletions.Count:N0}");
        }

        return await Change(call, s => s.ApplyCrmChanges(call.Workspace, [], deletions));

        string? Add(RecordKind kind, IReadOnlyList<string>? ids, string field)
        {
            foreach ((string? id, int i) in (ids ?? []).Select((id, i) => (id, i)))
            {
                if (string.IsNullOrWhiteSpace(id))
                {
                    return $"{field}[{i}]";
                }

                deletions.Add((kind, id.Trim()));
            }

            return null;
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<LinkageSettings> GetSettings(HttpContext http, StorePool stores)
    {
        using StorePool.Lease lease = stores.Rent();
        return TypedResults.Ok(lease.Store.Settings(ApiKeyMiddleware.WorkspaceOf(http)));
    }

    internal static async Task<IResult> PutSettingsWork(WorkspaceCall call)
    {
        LinkageSettings settings;
        try
        {
            settings = SettingsReader.Read(new MemoryStream(call.Work.Body), "request body");
        }
        catch (InputException ex)
        {
            return Problems.BadField(Field(ex.Place), ex.Problem);
        }

        return await Change(call, s =>
        {
            bool changed = s.ReplaceSettings(call.Workspace, settings);
            return new ImportReport(0, changed ? 1 : 0, changed ? 0 : 1, 0, 0);
        });
    }

    /// <summary>Applies a change under the workspace's lock, re-associates what it queued, and drops the engine.</summary>
    private static async Task<IResult> Change(WorkspaceCall call, Func<ILinkageStore, ImportReport> change)
    {
        using IDisposable held = await call.Slot.LockAsync(call.Cancel);
        using StorePool.Lease lease = call.Stores.Rent();
        ImportReport report = change(lease.Store);
        AssociateReport associated = lease.Store.Associate(call.Workspace);
        if (report.Added + report.Changed + report.Deleted > 0)
        {
            call.Slot.Invalidate();
        }

        return TypedResults.Ok(new CrmChangeResponse(report.Added, report.Changed, report.Unchanged, report.Deleted, report.Queued,
            associated.Recomputed, associated.Changed));
    }

    /// <summary>
    /// "$.contacts[3].modifiedAt", or "line 1, column 25 ($.dealWindowDays)" from a JSON error, names the
    /// field as "contacts[3].modifiedAt" or "dealWindowDays".
    /// </summary>
    private static string Field(string? place)
    {
        if (place is null)
        {
            return "body";
        }

        int open = place.IndexOf("($", StringComparison.Ordinal);
        string path = open >= 0 && place.EndsWith(')') ? place[(open + 1)..^1] : place;
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path == "$" ? "body" : path;
    }
}
