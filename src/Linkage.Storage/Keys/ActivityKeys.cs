using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;

namespace Linkage.Storage.Keys;

/// <summary>
/// The keys an activity's association depends on: its participants' emails (with their sub-address-free
/// forms) and phones, the hosts and registrable domains of external participants where domain rules
/// apply, and every record id its result names (winners, candidates, explicit references, deals, users),
/// plus the conversion targets of leads it names.
/// </summary>
internal static class ActivityKeys
{
    /// <summary>The participant keys, known before any association: what the store looks records up by.</summary>
    public static void Lookup(Activity activity, KeyContext ctx, HashSet<string> into)
    {
        foreach (Participant p in activity.Participants)
        {
            if (EmailAddress.TryParse(p.Email, out EmailAddress email))
            {
                into.Add(StoreKeys.Email + email.Address);
                if (email.SubaddressFree is { } free)
                {
                    into.Add(StoreKeys.Email + free);
                }

                string? registrable = ctx.Suffixes.RegistrableDomain(email.Host);
                if (ctx.DomainRulesApply(email.Host, registrable) && !ctx.IsCompanyHost(email.Host))
                {
                    into.Add(StoreKeys.Host + email.Host);
                    if (registrable is not null)
                    {
                        into.Add(StoreKeys.Registrable + registrable);
                    }
                }
            }

            if (ctx.Phone(p.Phone, p.Region) is { } e164)
            {
                into.Add(StoreKeys.Phone + e164);
            }
        }
    }

    /// <summary>
    /// The keys to file an associated activity under; sorted, so the store can diff them. Participants are
    /// normalised through <paramref name="engine"/>'s memo: the engine parsed the same phones a moment ago,
    /// and a second libphonenumber parse per participant was a large part of a submission's plan.
    /// </summary>
    public static string[] Of(Activity activity, AssociationResult result, Associator engine, KeyContext ctx)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < activity.Participants.Count; i++)
        {
            Participant p = activity.Participants[i];
            ParticipantClass c = result.Participants[i].Class;
            if (engine.NormalisedEmail(p.Email) is { } email)
            {
                // Every class: a user with this address would make the participant internal.
                keys.Add(StoreKeys.Email + email.Address);
                if (email.SubaddressFree is { } free)
                {
                    keys.Add(StoreKeys.Email + free);
                }

                // Only external participants go through the domain rules; a participant that is internal
                // through a user becomes external only by a user change, which its email key catches.
                if (c == ParticipantClass.External)
                {
                    string? registrable = engine.RegistrableDomain(email.Host);
                    if (ctx.DomainRulesApply(email.Host, registrable))
                    {
                        keys.Add(StoreKeys.Host + email.Host);
                        if (registrable is not null)
                        {
                            keys.Add(StoreKeys.Registrable + registrable);
                        }
                    }
                }
            }

            if (engine.NormalisedPhone(p.Phone, p.Region) is { } e164)
            {
                keys.Add(StoreKeys.Phone + e164);
            }
        }

        // Ids that may name a lead: a lead's rank and outcome depend on its converted contact (and that
        // contact's account) and its converted account, so a change to those must reach activities that
        // found the lead. Contacts, accounts, deals and users are never looked up as leads.
        var leads = new HashSet<string>(StringComparer.Ordinal);
        leads.UnionWith(result.Leads);
        foreach (ParticipantResult p in result.Participants)
        {
            AddIfAny(leads, p.LeadId);
            AddIfAny(leads, p.ConvertedLeadId);
            leads.UnionWith(p.Candidates);
        }

        foreach (ExplicitReference r in result.ExplicitRefs)
        {
            leads.Add(r.Id);
        }

        var ids = new HashSet<string>(leads, StringComparer.Ordinal);
        ids.UnionWith(result.Contacts);
        ids.UnionWith(result.Accounts);
        ids.UnionWith(result.Deals);
        foreach (ParticipantResult p in result.Participants)
        {
            AddIfAny(ids, p.UserId);
            AddIfAny(ids, p.ContactId);
            AddIfAny(ids, p.AccountId);
        }

        foreach (DealReason d in result.DealReasons)
        {
            ids.Add(d.DealId);
        }

        foreach (string id in leads)
        {
            if (engine.Index.Lead(id) is { } lead)
            {
                AddIfAny(ids, lead.ConvertedContactId);
                AddIfAny(ids, lead.ConvertedAccountId);
            }
        }

        foreach (string id in ids)
        {
            keys.Add(StoreKeys.Id + id);
        }

        string[] sorted = [.. keys];
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private static void AddIfAny(HashSet<string> ids, string? id)
    {
        if (id is not null)
        {
            ids.Add(id);
        }
    }
}
