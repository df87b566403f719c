namespace Linkage.Crm;

/// <summary>The CRM refused the credentials (401/403); asking again with the same token is pointless.</summary>
public sealed class CrmAuthException(string message) : Exception(message);

/// <summary>The CRM answered with a body that is not the documented shape.</summary>
public sealed class CrmResponseException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The CRM could not be reached or kept failing after the retries.</summary>
public sealed class CrmUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The API-call budget (per run or per day) is spent.</summary>
public sealed class QuotaExhaustedException() : Exception("The CRM API-call budget is spent.");
