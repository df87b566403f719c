namespace Linkage.Core.Model;

/// <summary>A workspace's association settings; every field has the spec's default.</summary>
public sealed record LinkageSettings
{
    /// <summary>The local parts treated as machine senders when <see cref="AutomatedLocalParts"/> is not given.</summary>
    public static readonly IReadOnlyList<string> DefaultAutomatedLocalParts =
    [
        "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
        "mailer-daemon", "postmaster", "bounce", "bounces",
    ];

    public IReadOnlyList<string> CompanyDomains { get; init; } = [];
    public IReadOnlyList<string> SpamAddresses { get; init; } = [];
    public IReadOnlyList<string> SpamDomains { get; init; } = [];
    /// <summary>Replaces the default machine-sender list when not null.</summary>
    public IReadOnlyList<string>? AutomatedLocalParts { get; init; }
    /// <summary>Added to the bundled free-mail list.</summary>
    public IReadOnlyList<string> PublicEmailDomains { get; init; } = [];
    public int DealWindowDays { get; init; } = 14;
    public bool UseContactRoles { get; init; } = true;
    public bool UseDealOwner { get; init; } = true;
    public int MaxDealsPerActivity { get; init; } = 5;
    public string DefaultPhoneRegion { get; init; } = "US";

    /// <summary>CRM API calls (dialer look-ups) allowed per UTC day, across every run of the workspace.</summary>
    public int CrmApiDailyBudget { get; init; } = 1000;

    /// <summary>CRM API calls allowed in one association run.</summary>
    public int CrmApiRunBudget { get; init; } = 100;

    /// <summary>How long "no record has this number" is believed before the CRM is asked again.</summary>
    public double CrmApiNegativeCacheHours { get; init; } = 24;
}
