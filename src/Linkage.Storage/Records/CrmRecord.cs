using Linkage.Core.Model;

namespace Linkage.Storage.Records;

/// <summary>One CRM record of any kind, with its kind and store id.</summary>
public sealed record CrmRecord(RecordKind Kind, string Id, object Value)
{
    public static CrmRecord Of(CrmUser r) => new(RecordKind.User, r.Id, r);

    public static CrmRecord Of(Account r) => new(RecordKind.Account, r.Id, r);

    public static CrmRecord Of(Contact r) => new(RecordKind.Contact, r.Id, r);

    public static CrmRecord Of(Lead r) => new(RecordKind.Lead, r.Id, r);

    public static CrmRecord Of(Deal r) => new(RecordKind.Deal, r.Id, r);

    public static CrmRecord Of(DealContact r) => new(RecordKind.DealContact, RecordJson.RoleId(r), r);

    /// <summary>Every record of a snapshot, users first and roles last.</summary>
    public static IEnumerable<CrmRecord> All(CrmSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Users.Select(Of).Concat(s.Accounts.Select(Of)).Concat(s.Contacts.Select(Of)).Concat(s.Leads.Select(Of))
            .Concat(s.Deals.Select(Of)).Concat(s.DealContacts.Select(Of));
    }

    internal string ToJson() => Value switch
    {
        CrmUser r => RecordJson.Serialize(r),
        Account r => RecordJson.Serialize(r),
        Contact r => RecordJson.Serialize(r),
        Lead r => RecordJson.Serialize(r),
        Deal r => RecordJson.Serialize(r),
        DealContact r => RecordJson.Serialize(r),
        _ => throw new InvalidOperationException("not a CRM record: " + Value.GetType().Name),
    };

    internal static CrmRecord FromJson(RecordKind kind, string id, string json) => new(kind, id, RecordJson.Deserialize(kind, json));
}
