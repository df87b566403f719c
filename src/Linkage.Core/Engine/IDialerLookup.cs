using Linkage.Core.Model;

namespace Linkage.Core.Engine;

/// <summary>
/// The one seam through which association may reach a CRM: a dialer call's external phone number that
/// matches no contact and no lead in the snapshot. Implementations own quota, caching and resilience.
/// </summary>
public interface IDialerLookup
{
    /// <summary>Looks up <paramref name="phoneE164"/>; the result says how many API calls it cost.</summary>
    DialerLookupResult Lookup(string phoneE164, Activity activity);
}

/// <summary>Records the CRM returned for a phone number, and the API calls spent finding them.</summary>
public sealed record DialerLookupResult(IReadOnlyList<Contact> Contacts, IReadOnlyList<Lead> Leads, int ApiCalls)
{
    public static DialerLookupResult NotFound { get; } = new([], [], 0);
}
