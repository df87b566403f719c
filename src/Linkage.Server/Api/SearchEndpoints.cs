using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;
using Linkage.Server.Auth;
using Linkage.Server.Hosting;
using Linkage.Server.Workspaces;
using Linkage.Storage;
using Linkage.Storage.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Linkage.Server.Api;

/// <summary>
/// <c>/api/search</c> and <c>/api/records</c>: find records in the workspace's in-memory index and
/// activities through the keys the store files them under (emails, phones, hosts and domains, record ids).
/// </summary>
internal static class SearchEndpoints
{
    private static readonly string[] Kinds = ["auto", "email", "phone", "domain", "contact", "account", "deal", "lead", "activity"];
    private static readonly string[] RecordKinds = ["contact", "account", "deal", "lead"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/search", Search).WithTags("Search")
            .WithSummary("Search by email, phone, domain, or a contact, account, deal, lead or activity id")
            .WithDescription("q is the term; kind is one of auto (the default: guessed from the term), email, phone, domain, contact, account, deal, lead, activity.")
            .Produces<SearchResponse>().ProducesValidationProblem();
        api.MapGet("/records/{kind}/{id}", Record).WithTags("Search")
            .WithSummary("A contact, account, deal or lead with its activities (newest first) and, for an account, its deals")
            .Produces<RecordView>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/workspace", Workspace).WithTags("Search").WithSummary("The key's workspace and its counts").Produces<WorkspaceView>();
    }

    private static Task<IResult> Search(HttpContext http, string? q, string? kind, IWorkspaceEngines engines, CancellationToken cancel) =>
        engines.RunAsync(ApiKeyMiddleware.WorkspaceOf(http), new WorkspaceWork(WorkspaceOp.Search, [], q, kind), cancel);

    internal static IResult SearchWork(WorkspaceCall call)
    {
        string? q = call.Work.First, kind = call.Work.Second;
        StorePool stores = call.Stores;
        ServerOptions options = call.Options;
        string term = q?.Trim() ?? "";
        if (term.Length == 0)
        {
            return Problems.BadField("q", "give a term to search for");
        }

        kind = string.IsNullOrWhiteSpace(kind) ? "auto" : kind.Trim().ToLowerInvariant();
        if (!Kinds.Contains(kind))
        {
            return Problems.BadField("kind", $"'{kind}' is not one of {string.Join(", ", Kinds)}");
        }

        string workspace = call.Workspace;
        WorkspaceEngine engine = call.Slot.Engine();
        CrmIndex index = engine.Associator.Index;
        if (kind == "auto")
        {
            kind = Guess(term, index);
        }

        var records = new List<RecordHit>();
        IReadOnlyList<string> keys = [];
        string? idKind = null;
        switch (kind)
        {
            case "email":
                if (!EmailAddress.TryParse(term, out EmailAddress email))
                {
                    return Problems.BadField("q", $"'{term}' is not an email address");
                }

                records.AddRange(index.UsersByEmail(email.Address).Select(id => User(index, id)));
                records.AddRange(index.ContactsByEmail(email.Address).Select(c => Hit(c, index)));
                records.AddRange(index.LeadsByEmail(email.Address).Select(Hit));
                keys = SearchKeys.Email(term);
                break;
            case "phone":
                if (!PhoneNumber.TryNormalise(term, null, engine.Settings.DefaultPhoneRegion, out string e164))
                {
                    return Problems.BadField("q", $"'{term}' is not a phone number (give it in international form, +CC …)");
                }

                records.AddRange(index.UsersByPhone(e164).Select(id => User(index, id)));
                records.AddRange(index.ContactsByPhone(e164).Select(c => Hit(c, index)));
                records.AddRange(index.LeadsByPhone(e164).Select(Hit));
                keys = SearchKeys.Phone(term, engine.Settings);
                break;
            case "domain":
                if (DomainName.Normalise(term, dropWww: true) is not { } domain)
                {
                    return Problems.BadField("q", $"'{term}' is not a domain name");
                }

                records.AddRange(index.AccountsByDomain(domain).Select(Hit));
                keys = SearchKeys.Domain(domain);
                break;
            case "activity":
                break;
            default:
                idKind = kind;
                if (RecordOf(index, kind, term) is { } hit)
                {
                    records.Add(hit);
                }

                keys = SearchKeys.Id(term);
                break;
        }

        using StorePool.Lease lease = stores.Rent();
        List<ActivitySummary> activities;
        bool truncated = false;
        if (kind == "activity")
        {
            activities = [];
            if (lease.Store.Activity(workspace, term) is { } activity && lease.Store.Association(workspace, term) is { } association)
            {
                activities.Add(ActivitySummaries.Of(new ActivityEntry(activity, association)));
            }
        }
        else
        {
            IReadOnlyList<ActivityEntry> found = lease.Store.ActivitiesByKeys(workspace, [.. keys], options.SearchLimit);
            truncated = found.Count >= options.SearchLimit;
            activities = [.. found.Select(ActivitySummaries.Of)
                .Where(s => idKind is null || ActivitySummaries.Names(s, idKind, term))
                .OrderByDescending(s => s.OccurredAt)];
        }

        return TypedResults.Ok(new SearchResponse(term, kind, records, activities, truncated));
    }

    private static Task<IResult> Record(HttpContext http, string kind, string id, IWorkspaceEngines engines, CancellationToken cancel) =>
        engines.RunAsync(ApiKeyMiddleware.WorkspaceOf(http), new WorkspaceWork(WorkspaceOp.Record, [], kind, id), cancel);

    internal static IResult RecordWork(WorkspaceCall call)
    {
        string kind = call.Work.First!, id = call.Work.Second!;
        StorePool stores = call.Stores;
        ServerOptions options = call.Options;
        kind = kind.ToLowerInvariant().TrimEnd('s');
        if (!RecordKinds.Contains(kind))
        {
            return Problems.BadField("kind", $"'{kind}' is not one of {string.Join(", ", RecordKinds)}");
        }

        string workspace = call.Workspace;
        CrmIndex index = call.Slot.Engine().Associator.Index;
        object? record = kind switch
        {
            "contact" => index.Contact(id),
            "account" => index.Account(id),
            "deal" => index.Deal(id),
            _ => index.Lead(id),
        };
        if (record is null)
        {
            return Problems.NotFound($"{kind} '{id}'");
        }

        using StorePool.Lease lease = stores.Rent();
        IReadOnlyList<ActivityEntry> found = lease.Store.ActivitiesByKeys(workspace, [.. SearchKeys.Id(id)], options.SearchLimit);
        List<ActivitySummary> activities = [.. found.Select(ActivitySummaries.Of)
            .Where(s => ActivitySummaries.Names(s, kind, id))
            .OrderByDescending(s => s.OccurredAt)];
        IReadOnlyList<Deal> deals = kind switch
        {
            "account" => [.. index.DealsOfAccount(id).OrderByDescending(d => d.CreatedAt)],
            _ => [],
        };
        return TypedResults.Ok(new RecordView(kind, id, record, deals, activities, found.Count >= options.SearchLimit));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<WorkspaceView> Workspace(HttpContext http, StorePool stores)
    {
        string workspace = ApiKeyMiddleware.WorkspaceOf(http);
        using StorePool.Lease lease = stores.Rent();
        StoreCounts c = lease.Store.Counts(workspace);
        return TypedResults.Ok(new WorkspaceView(workspace, c.Users, c.Accounts, c.Contacts, c.Leads, c.Deals, c.Activities, c.Associations, c.Pending, c.Pins));
    }

    /// <summary>An address has an @, a number is mostly digits, a domain has a dot; anything else is an id.</summary>
    private static string Guess(string term, CrmIndex index)
    {
        if (term.Contains('@', StringComparison.Ordinal))
        {
            return "email";
        }

        int digits = term.Count(char.IsAsciiDigit);
        if (digits >= 7 && term.All(ch => char.IsAsciiDigit(ch) || " +-().".Contains(ch, StringComparison.Ordinal)))
        {
            return "phone";
        }

        if (index.Contact(term) is not null)
        {
            return "contact";
        }

        if (index.Account(term) is not null)
        {
            return "account";
        }

        if (index.Deal(term) is not null)
        {
            return "deal";
        }

        if (index.Lead(term) is not null)
        {
            return "lead";
        }

        return term.Contains('.', StringComparison.Ordinal) && !term.Contains(' ', StringComparison.Ordinal) ? "domain" : "activity";
    }

    private static RecordHit? RecordOf(CrmIndex index, string kind, string id) => kind switch
    {
        "contact" => index.Contact(id) is { } c ? Hit(c, index) : null,
        "account" => index.Account(id) is { } a ? Hit(a) : null,
        "deal" => index.Deal(id) is { } d ? Hit(d) : null,
        "lead" => index.Lead(id) is { } l ? Hit(l) : null,
        _ => null,
    };

    private static RecordHit User(CrmIndex index, string id) => new("user", id, index.User(id)?.Name, "your company");

    private static RecordHit Hit(Contact c, CrmIndex index) =>
        new("contact", c.Id, c.Name, c.AccountId is { } a ? $"{index.Account(a)?.Name ?? a} ({a})" : "no account");

    private static RecordHit Hit(Account a) => new("account", a.Id, a.Name, a.Domains.Count > 0 ? string.Join(", ", a.Domains) : a.Website);

    private static RecordHit Hit(Deal d) => new("deal", d.Id, d.Name, $"{d.Stage ?? (d.IsClosed ? "closed" : "open")}, account {d.AccountId ?? "none"}");

    private static RecordHit Hit(Lead l) => new("lead", l.Id, l.Name, l.Company);
}
