using System.Text;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Linkage.Storage.Records;

namespace Linkage.Storage.Tests.Support;

/// <summary>The full recompute every incremental result is checked against: the engine over the whole snapshot.</summary>
internal static class Oracle
{
    public static CrmSnapshot Snapshot(IEnumerable<CrmRecord> records)
    {
        CrmRecord[] all = [.. records];
        return new CrmSnapshot
        {
            Users = [.. all.Select(r => r.Value).OfType<CrmUser>()],
            Accounts = [.. all.Select(r => r.Value).OfType<Account>()],
            Contacts = [.. all.Select(r => r.Value).OfType<Contact>()],
            Leads = [.. all.Select(r => r.Value).OfType<Lead>()],
            Deals = [.. all.Select(r => r.Value).OfType<Deal>()],
            DealContacts = [.. all.Select(r => r.Value).OfType<DealContact>()],
        };
    }

    /// <summary>The canonical line (without its newline) the engine gives each activity.</summary>
    public static Dictionary<string, string> Lines(CrmSnapshot snapshot, LinkageSettings settings, IEnumerable<Activity> activities)
    {
        var associator = Associator.Create(snapshot, settings);
        return activities.ToDictionary(a => a.Id, a => Line(associator.Associate(a)));
    }

    public static string Line(AssociationResult result)
    {
        byte[] line = AssociationWriter.ToLine(result);
        return Encoding.UTF8.GetString(line, 0, line.Length - 1);
    }

    /// <summary>Asserts that every activity's stored automatic line is the full recompute's.</summary>
    public static void AssertMatches(ILinkageStore store, string workspace, CrmSnapshot snapshot, LinkageSettings settings, IEnumerable<Activity> activities)
    {
        foreach ((string id, string expected) in Lines(snapshot, settings, activities))
        {
            StoredAssociation stored = store.Association(workspace, id) ?? throw new Xunit.Sdk.XunitException($"activity {id} is not stored");
            Assert.False(stored.IsPending, $"activity {id} is still queued: {stored.PendingReason}");
            Assert.Equal(expected, stored.AutomaticLine);
        }
    }
}
