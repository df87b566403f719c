using Linkage.Core.Model;
using Linkage.Core.Normalisation;
using Linkage.Storage.Records;

namespace Linkage.Storage.Keys;

/// <summary>
/// The two key sets of a CRM record. <see cref="Filed"/>: the keys it is found by when the store assembles
/// the part of the snapshot some activities need. <see cref="Affected"/>: the activity keys whose result can
/// depend on it, so that a change of the record (computed for its old and its new version) finds every
/// activity to recompute. docs/storage.md argues why these sets are complete.
/// </summary>
internal static class RecordKeys
{
    public static void Filed(CrmRecord record, KeyContext ctx, HashSet<string> into)
    {
        switch (record.Value)
        {
            case CrmUser u:
                Person(u.Emails, u.Phones, u.Region, ctx, into, hosts: false);
                break;
            case Contact c:
                // Only contacts with an account are anyone's colleagues, so only they are found by host.
                Person(c.Emails, c.Phones, c.Region, ctx, into, hosts: c.AccountId is not null);
                break;
            case Lead l:
                Person(l.Emails, l.Phones, l.Region, ctx, into, hosts: false);
                break;
            case Account a:
                foreach (string domain in AccountDomains(a))
                {
                    into.Add(StoreKeys.AccountDomain + domain);
                }

                break;
            case Deal d when d.AccountId is { } accountId:
                into.Add(StoreKeys.DealAccount + accountId);
                break;
            case DealContact r:
                into.Add(StoreKeys.RoleDeal + r.DealId);
                break;
        }
    }

    /// <summary>
    /// Adds the activity keys that one version of <paramref name="record"/> can affect. For a contact role
    /// <paramref name="roleDealAccount"/> is the account of the role's deal, when known.
    /// </summary>
    public static void Affected(CrmRecord record, KeyContext ctx, HashSet<string> into, string? roleDealAccount = null)
    {
        switch (record.Value)
        {
            case CrmUser u:
                // Users decide who is internal (by email or phone); their ids steer owner tie-breaks.
                into.Add(StoreKeys.Id + u.Id);
                Person(u.Emails, u.Phones, u.Region, ctx, into, hosts: false);
                break;
            case Contact c:
                into.Add(StoreKeys.Id + c.Id);
                Person(c.Emails, c.Phones, c.Region, ctx, into, hosts: false);
                if (c.AccountId is not null)
                {
                    // A contact with an account is a colleague on its hosts (step 3).
                    Colleague(c.Emails, ctx, into);
                }

                break;
            case Lead l:
                into.Add(StoreKeys.Id + l.Id);
                Person(l.Emails, l.Phones, l.Region, ctx, into, hosts: false);
                break;
            case Account a:
                into.Add(StoreKeys.Id + a.Id);
                foreach (string domain in AccountDomains(a))
                {
                    // Step 2 looks an account up by the exact host, then by the registrable domain.
                    into.Add(StoreKeys.Host + domain);
                    into.Add(StoreKeys.Registrable + domain);
                }

                break;
            case Deal d:
                into.Add(StoreKeys.Id + d.Id);
                if (d.AccountId is { } accountId)
                {
                    into.Add(StoreKeys.Id + accountId);
                }

                break;
            case DealContact r:
                into.Add(StoreKeys.Id + r.DealId);
                into.Add(StoreKeys.Id + r.ContactId);
                if (roleDealAccount is not null)
                {
                    into.Add(StoreKeys.Id + roleDealAccount);
                }

                break;
        }
    }

    /// <summary>An account's domains as the index files them: website and domains, normalised, deduplicated.</summary>
    public static IEnumerable<string> AccountDomains(Account a)
    {
        IEnumerable<string> raw = a.Website is null ? a.Domains : a.Domains.Append(a.Website);
        return raw.Select(r => DomainName.Normalise(r, dropWww: true))
            .Where(d => d is not null && d.Contains('.', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)!;
    }

    private static void Person(IReadOnlyList<string> emails, IReadOnlyList<string> phones, string? region, KeyContext ctx,
        HashSet<string> into, bool hosts)
    {
        foreach (string raw in emails)
        {
            if (EmailAddress.TryParse(raw, out EmailAddress email))
            {
                into.Add(StoreKeys.Email + email.Address);
                if (hosts)
                {
                    into.Add(StoreKeys.Host + email.Host);
                    if (ctx.Suffixes.RegistrableDomain(email.Host) is { } registrable)
                    {
                        into.Add(StoreKeys.Registrable + registrable);
                    }
                }
            }
        }

        foreach (string raw in phones)
        {
            if (ctx.Phone(raw, region) is { } e164)
            {
                into.Add(StoreKeys.Phone + e164);
            }
        }
    }

    private static void Colleague(IReadOnlyList<string> emails, KeyContext ctx, HashSet<string> into)
    {
        foreach (string raw in emails)
        {
            if (EmailAddress.TryParse(raw, out EmailAddress email))
            {
                string? registrable = ctx.Suffixes.RegistrableDomain(email.Host);
                // Free-mail hosts are never counted as colleagues, so a change there affects no domain rule.
                if (ctx.DomainRulesApply(email.Host, registrable))
                {
                    into.Add(StoreKeys.Host + email.Host);
                    if (registrable is not null)
                    {
                        into.Add(StoreKeys.Registrable + registrable);
                    }
                }
            }
        }
    }
}
