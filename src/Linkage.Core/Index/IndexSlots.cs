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
}

/// <summary>Everything one domain leads to: accounts claiming it, and accounts of contacts mailing from it.</summary>
internal struct DomainSlot
{
    public object? Accounts;
    public ColleagueAccount[]? ColleaguesByHost;
    public ColleagueAccount[]? ColleaguesByRegistrable;
}

/// <summary>One account id: its record (null when only deals name it) and its deals.</summary>
internal struct AccountSlot
{
    public Account? Account;
    public object? Deals;
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
