namespace Linkage.Generator;

/// <summary>How big a generated world is; the other record counts follow from the number of contacts.</summary>
public sealed record WorldSize(long Contacts, long Activities, ulong Seed)
{
    /// <summary>About eight contacts an account, as in a typical B2B CRM.</summary>
    public long Accounts => Math.Max(1, Contacts / 8);

    public long Leads => Math.Max(1, Contacts / 5);

    public long Deals => Math.Max(1, Accounts * 3 / 2);

    public int Users => (int)Math.Clamp(Contacts / 2_000, 5, 5_000);
}
