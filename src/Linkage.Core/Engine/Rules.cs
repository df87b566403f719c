namespace Linkage.Core.Engine;

/// <summary>The names of the cascade's rules as they appear in the output.</summary>
public static class Rules
{
    public const string ContactEmail = "contact-email";
    public const string ContactPhone = "contact-phone";
    public const string AccountDomain = "account-domain";
    public const string ColleagueDomain = "colleague-domain";
    public const string LeadEmail = "lead-email";
    public const string LeadPhone = "lead-phone";
    public const string ConvertedLead = "converted-lead";
    public const string None = "none";

    /// <summary>Added to a rule's name when the match needed the address without its <c>+tag</c>.</summary>
    public const string SubaddressSuffix = "-subaddress";

    /// <summary>The rule's name with <see cref="SubaddressSuffix"/>: the email rules' as constants, made once.</summary>
    internal static string WithSubaddress(string rule) => rule switch
    {
        ContactEmail => ContactEmail + SubaddressSuffix,
        LeadEmail => LeadEmail + SubaddressSuffix,
        ConvertedLead => ConvertedLead + SubaddressSuffix,
        _ => rule + SubaddressSuffix,
    };
}

/// <summary>Deal eligibility reasons (spec §5) and the reason of an explicit reference.</summary>
public static class DealReasons
{
    public const string Explicit = "explicit";
    public const string OpenAtTime = "open-at-time";
    public const string OpenedAfter = "opened-after";
    public const string ClosedRecently = "closed-recently";
}

/// <summary>The deal narrowing steps, named after the settings that switch them.</summary>
public static class NarrowingSteps
{
    public const string ContactRoles = "useContactRoles";
    public const string DealOwner = "useDealOwner";
    public const string MaxDeals = "maxDealsPerActivity";
}

/// <summary>Warning codes.</summary>
public static class WarningCodes
{
    public const string UnknownRef = "unknown-ref";
    public const string InvalidEmail = "invalid-email";
    public const string InvalidPhone = "invalid-phone";
}
