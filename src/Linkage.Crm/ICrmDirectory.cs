using Linkage.Core.Model;

namespace Linkage.Crm;

/// <summary>A CRM that can be asked, over its API, which contacts and leads carry a phone number.</summary>
public interface ICrmDirectory
{
    /// <summary>
    /// Searches for <paramref name="phoneE164"/>. Every HTTP request, retries included, first passes
    /// <paramref name="gate"/>, because each one costs the customer's API quota.
    /// </summary>
    Task<CrmAnswer> FindByPhoneAsync(string phoneE164, RequestGate gate, CancellationToken cancellationToken);
}

/// <summary>The records a CRM returned for one phone number.</summary>
public sealed record CrmAnswer(IReadOnlyList<Contact> Contacts, IReadOnlyList<Lead> Leads)
{
    /// <summary>The <c>Origin</c> of every record a live look-up returns.</summary>
    public const string Origin = "crm-api";

    public static CrmAnswer Empty { get; } = new([], []);

    public bool IsEmpty => Contacts.Count == 0 && Leads.Count == 0;
}
