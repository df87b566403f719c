using System.Collections.Concurrent;
using Linkage.Core.Engine;
using Linkage.Core.Model;

namespace Linkage.Storage.Associating;

/// <summary>
/// Passes dialer look-ups through and keeps what they found, so that a run can add those records to the
/// workspace's CRM after each batch. Thread-safe: a batch associates in parallel.
/// </summary>
internal sealed class RecordingDialer(IDialerLookup inner) : IDialerLookup
{
    private ConcurrentQueue<(string ActivityId, DialerLookupResult Result)> _found = new();

    public DialerLookupResult Lookup(string phoneE164, Activity activity)
    {
        DialerLookupResult result = inner.Lookup(phoneE164, activity);
        if (result.Contacts.Count + result.Leads.Count > 0)
        {
            _found.Enqueue((activity.Id, result));
        }

        return result;
    }

    /// <summary>What was found since the last call, or null when nothing was; called between batches.</summary>
    public Found? TakeFound()
    {
        ConcurrentQueue<(string ActivityId, DialerLookupResult Result)> taken = Interlocked.Exchange(ref _found, new());
        if (taken.IsEmpty)
        {
            return null;
        }

        var contacts = new Dictionary<string, Contact>(StringComparer.Ordinal);
        var leads = new Dictionary<string, Lead>(StringComparer.Ordinal);
        var activities = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string activityId, DialerLookupResult result) in taken)
        {
            activities.Add(activityId);
            foreach (Contact c in result.Contacts)
            {
                contacts[c.Id] = c;
            }

            foreach (Lead l in result.Leads)
            {
                leads[l.Id] = l;
            }
        }

        return new Found([.. contacts.Values], [.. leads.Values], [.. activities]);
    }

    internal sealed record Found(IReadOnlyList<Contact> Contacts, IReadOnlyList<Lead> Leads, IReadOnlyList<string> ActivityIds);
}
