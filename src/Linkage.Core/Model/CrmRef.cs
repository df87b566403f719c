namespace Linkage.Core.Model;

/// <summary>The kinds of CRM record an activity can be linked to.</summary>
public enum CrmRefType
{
    Contact,
    Account,
    Lead,
    Deal,
}

/// <summary>An explicit reference to a CRM record carried by an activity or a participant.</summary>
public sealed record CrmRef(CrmRefType Type, string Id);
