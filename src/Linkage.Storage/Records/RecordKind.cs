namespace Linkage.Storage.Records;

/// <summary>The kinds of CRM record the store keeps; the numbers are stored, so they never change.</summary>
public enum RecordKind
{
    User = 1,
    Account = 2,
    Contact = 3,
    Lead = 4,
    Deal = 5,
    /// <summary>A deal contact role; its id is <c>dealId</c>, a unit separator, <c>contactId</c>.</summary>
    DealContact = 6,
}
