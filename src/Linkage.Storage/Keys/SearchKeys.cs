using Linkage.Core.Model;
using Linkage.Core.Normalisation;

namespace Linkage.Storage.Keys;

/// <summary>
/// The store keys a search term finds activities under, normalised the way activities are filed
/// (<see cref="ActivityKeys"/>): so a search for <c>Jane.Doe@ACME-Robotics.com</c> finds what was filed as
/// <c>e:jane.doe@acme-robotics.com</c>. Each returns no keys for a term that does not parse.
/// </summary>
public static class SearchKeys
{
    public static IReadOnlyList<string> Email(string term) =>
        EmailAddress.TryParse(term, out EmailAddress email) ? [StoreKeys.Email + email.Address] : [];

    public static IReadOnlyList<string> Phone(string term, LinkageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return PhoneNumber.TryNormalise(term, null, settings.DefaultPhoneRegion, out string e164) ? [StoreKeys.Phone + e164] : [];
    }

    /// <summary>A host matches exactly, or as the registrable domain of the participants' hosts.</summary>
    public static IReadOnlyList<string> Domain(string term) =>
        DomainName.Normalise(term.Trim(), dropWww: true) is { } domain ? [StoreKeys.Host + domain, StoreKeys.Registrable + domain] : [];

    /// <summary>Any record id the activity's association names (winners, candidates, deals, users).</summary>
    public static IReadOnlyList<string> Id(string id) => string.IsNullOrWhiteSpace(id) ? [] : [StoreKeys.Id + id.Trim()];
}
