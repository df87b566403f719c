namespace Linkage.Storage.Keys;

/// <summary>
/// The prefixes of the look-up keys the store indexes. One key space serves both sides: a CRM record is
/// filed under the keys it can be found by, an activity under the keys its result depends on, and a
/// changed record names the keys of the activities it can affect.
/// </summary>
internal static class StoreKeys
{
    /// <summary>A normalised email address (and, for activities, its sub-address-free form).</summary>
    public const string Email = "e:";
    /// <summary>An E.164 phone number.</summary>
    public const string Phone = "p:";
    /// <summary>An email host, exactly.</summary>
    public const string Host = "h:";
    /// <summary>The registrable domain of an email host.</summary>
    public const string Registrable = "d:";
    /// <summary>A record id (any kind): the activity's result or candidates name it.</summary>
    public const string Id = "i:";
    /// <summary>An account domain (from <c>domains</c> or <c>website</c>); CRM side only.</summary>
    public const string AccountDomain = "m:";
    /// <summary>A deal's account id; CRM side only, to find an account's deals.</summary>
    public const string DealAccount = "a:";
    /// <summary>A contact role's deal id; CRM side only, to find a deal's roles.</summary>
    public const string RoleDeal = "k:";
}
