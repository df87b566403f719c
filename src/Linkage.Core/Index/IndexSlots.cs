using Linkage.Core.Model;

namespace Linkage.Core.Index;

/// <summary>
/// Everything one normalised email or phone leads to. One look-up answers the user check, the contact step
/// and the lead step; each field holds nothing, one record, or an array of them (best first once built).
/// </summary>
internal struct PersonSlot
{
    public object? Users;
    public object? Contacts;
    public object? Leads;

    /// <summary>The slot a person map's entry stands for (see <see cref="PersonEntry"/>).</summary>
    public static PersonSlot Of(object? entry) => entry switch
    {
        null => default,
        Contact or Contact[] => new PersonSlot { Contacts = entry },
        string or string[] => new PersonSlot { Users = entry },
        Lead or Lead[] => new PersonSlot { Leads = entry },
        _ => ((PersonMix)entry).Slot,
    };
}

/// <summary>
/// What a person map stores per key: one object. Nearly every key leads to records of one kind only (a
/// contact, or a lead, or a user's id), held as that record or an array of them; a key shared by kinds
/// holds a <see cref="PersonMix"/>. One reference per entry instead of three keeps the table's entries at
/// 24 bytes, so the open-addressed table costs no more memory than a dictionary did.
/// </summary>
internal static class PersonEntry
{
    /// <summary>Adds a contact, a lead, or a user (by id) to the entry of one of its keys.</summary>
    public static void Add(ref object? entry, object person)
    {
        switch (person)
        {
            case Contact contact:
                Add(ref entry, contact, PersonKind.Contact);
                break;
            case Lead lead:
                Add(ref entry, lead, PersonKind.Lead);
                break;
            default:
                Add(ref entry, (string)person, PersonKind.User);
                break;
        }
    }

    /// <summary>Sorts each candidate list of the entry in place (best first).</summary>
    public static void Sort(object? entry, Comparison<string> userOrder, Comparison<Contact> contactOrder, Comparison<Lead> leadOrder)
    {
        PersonSlot slot = PersonSlot.Of(entry);
        SlotField.Sort(slot.Users, userOrder);
        SlotField.Sort(slot.Contacts, contactOrder);
        SlotField.Sort(slot.Leads, leadOrder);
    }

    private static void Add<T>(ref object? entry, T record, PersonKind kind)
        where T : class
    {
        if (entry is null || (entry is not PersonMix && KindOf(entry) == kind))
        {
            SlotField.Append(ref entry, record);
            return;
        }

        if (entry is not PersonMix mix)
        {
            mix = new PersonMix();
            mix.Field(KindOf(entry)) = entry;
            entry = mix;
        }

        SlotField.Append(ref mix.Field(kind), record);
    }

    private static PersonKind KindOf(object entry) => entry switch
    {
        Contact or Contact[] => PersonKind.Contact,
        string or string[] => PersonKind.User,
        _ => PersonKind.Lead,
    };
}

internal enum PersonKind
{
    User,
    Contact,
    Lead,
}

/// <summary>A key that leads to records of more than one kind: a contact who is also a lead, a user on a contact's address.</summary>
internal sealed class PersonMix
{
    private object? _users;
    private object? _contacts;
    private object? _leads;

    public PersonSlot Slot => new() { Users = _users, Contacts = _contacts, Leads = _leads };

    public ref object? Field(PersonKind kind)
    {
        switch (kind)
        {
            case PersonKind.User:
                return ref _users;
            case PersonKind.Contact:
                return ref _contacts;
            default:
                return ref _leads;
        }
    }
}

/// <summary>Everything one domain leads to: accounts claiming it, and accounts of contacts mailing from it.</summary>
internal struct DomainSlot
{
    public object? Accounts;
    public ColleagueAccount[]? ColleaguesByHost;
    public ColleagueAccount[]? ColleaguesByRegistrable;
}

/// <summary>One account id: its record (null when only deals name it) and its deals by id (null when it has none).</summary>
internal struct AccountSlot
{
    public Account? Account;
    public DealRow[]? Deals;
}

/// <summary>Growing and reading the one-or-many fields of the slots.</summary>
internal static class SlotField
{
    public static void Append<T>(ref object? field, T value)
        where T : class
    {
        switch (field)
        {
            case null:
                field = value;
                break;
            case T[] many:
                Array.Resize(ref many, many.Length + 1);
                many[^1] = value;
                field = many;
                break;
            default:
                field = new T[] { (T)field, value };
                break;
        }
    }

    public static void Sort<T>(object? field, Comparison<T> order)
        where T : class
    {
        if (field is T[] many)
        {
            Array.Sort(many, order);
        }
    }
}
