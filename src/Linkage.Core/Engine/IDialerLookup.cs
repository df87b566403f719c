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

/// <summary>
/// Records the CRM returned for a phone number, the API calls spent finding them, and, when the look-up
/// could not be made or failed, why (<see cref="LookupOutcomes"/>): the participant is then left as the
/// local rules leave it and carries that outcome.
/// </summary>
public sealed record DialerLookupResult(IReadOnlyList<Contact> Contacts, IReadOnlyList<Lead> Leads, int ApiCalls)
{
    public static DialerLookupResult NotFound { get; } = new([], [], 0);

    /// <summary>Null when the CRM answered (found or not); otherwise one of <see cref="LookupOutcomes"/>.</summary>
    public string? Failure { get; init; }

    /// <summary>A look-up that was not made or did not complete.</summary>
    public static DialerLookupResult Failed(string failure, int apiCalls) => new([], [], apiCalls) { Failure = failure };
}

/// <summary>What a participant's <c>lookup</c> field says about a live dialer look-up.</summary>
public static class LookupOutcomes
{
    /// <summary>The CRM was asked (or its answer was remembered) and knew nobody with the number.</summary>
    public const string NotFound = "not-found";

    /// <summary>The per-run or daily API-call budget was spent; the number was not looked up.</summary>
    public const string QuotaExhausted = "quota-exhausted";

    /// <summary>The CRM refused the credentials; no further look-ups are made in the run.</summary>
    public const string AuthFailed = "crm-auth-failed";

    /// <summary>The CRM answered with a body that is not the documented shape.</summary>
    public const string Malformed = "crm-malformed-response";

    /// <summary>The CRM could not be reached, kept failing, or was too slow.</summary>
    public const string Unavailable = "crm-unavailable";
}
