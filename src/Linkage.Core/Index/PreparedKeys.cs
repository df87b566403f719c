using Linkage.Core.Model;

namespace Linkage.Core.Index;

/// <summary>
/// Normalises the emails and phones of users, contacts and leads while their snapshot is still being read.
/// Reading a large CRM keeps one core busy and leaves the other idle, and normalising (phones above all) was
/// the largest part of the index build after it; a reader that hands each person over as it makes it lets
/// <see cref="CrmIndex.Build(CrmSnapshot, LinkageSettings, ReferenceData, PreparedKeys?)"/> take the keys ready.
/// </summary>
/// <remarks>
/// <see cref="Add(Contact)"/> and its overloads are called from one thread, in the order the records end up
/// in the snapshot's lists; the work runs on the thread pool in batches. The build matches keys to records by
/// position and checks each by reference: a section whose records differ (reordered, filtered, or with
/// duplicate ids) is normalised by the build as if nothing had been prepared, so results never depend on it.
/// </remarks>
public sealed class PreparedKeys
{
    private readonly Section<CrmUser> _users;
    private readonly Section<Contact> _contacts;
    private readonly Section<Lead> _leads;

    /// <summary>Keys as an index under <paramref name="settings"/> would normalise them (its default phone region).</summary>
    public PreparedKeys(LinkageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string region = settings.DefaultPhoneRegion;
        DefaultRegion = region;
        _users = new(u => PersonKeys.Of(u.Emails, u.Phones, u.Region, region));
        _contacts = new(c => PersonKeys.Of(c.Emails, c.Phones, c.Region, region));
        _leads = new(l => PersonKeys.Of(l.Emails, l.Phones, l.Region, region));
    }

    internal string DefaultRegion { get; }

    /// <summary>How many users, contacts and leads were handed over.</summary>
    public int Count => _users.Added + _contacts.Added + _leads.Added;

    /// <summary>How many sections' keys a build took as prepared (for tests: that preparing is not wasted).</summary>
    internal int SectionsTaken => _users.Taken + _contacts.Taken + _leads.Taken;

    public void Add(CrmUser user) => _users.Add(user);

    public void Add(Contact contact) => _contacts.Add(contact);

    public void Add(Lead lead) => _leads.Add(lead);

    internal PersonKeys[]? Users(IReadOnlyList<CrmUser> records) => _users.Take(records);

    internal PersonKeys[]? Contacts(IReadOnlyList<Contact> records) => _contacts.Take(records);

    internal PersonKeys[]? Leads(IReadOnlyList<Lead> records) => _leads.Take(records);

    /// <summary>One kind of record: batches handed to the pool as they fill, joined when the build asks.</summary>
    private sealed class Section<T>(Func<T, PersonKeys> normalise)
        where T : class
    {
        // Large enough that a batch is milliseconds of work, small enough that the pool starts early.
        private const int BatchSize = 4096;
        private readonly List<(T[] Records, int Count, PersonKeys[] Keys, Task Work)> _batches = [];
        private T[] _open = new T[BatchSize];
        private int _count;

        public int Taken { get; private set; }

        public int Added { get; private set; }

        public void Add(T record)
        {
            ArgumentNullException.ThrowIfNull(record);
            Added++;
            _open[_count++] = record;
            if (_count == BatchSize)
            {
                Hand();
            }
        }

        /// <summary>
        /// The keys of <paramref name="records"/>, or null when they are not exactly the records added, in
        /// order. Waits for the batches still running.
        /// </summary>
        public PersonKeys[]? Take(IReadOnlyList<T> records)
        {
            if (_count > 0)
            {
                Hand();
            }

            Task.WaitAll([.. _batches.Select(b => b.Work)]);
            int total = _batches.Sum(b => b.Count);
            if (total != records.Count)
            {
                return null;
            }

            var keys = new PersonKeys[total];
            int at = 0;
            foreach ((T[] batch, int count, PersonKeys[] batchKeys, _) in _batches)
            {
                for (int i = 0; i < count; i++)
                {
                    if (!ReferenceEquals(batch[i], records[at + i]))
                    {
                        return null;
                    }
                }

                Array.Copy(batchKeys, 0, keys, at, count);
                at += count;
            }

            Taken++;
            return keys;
        }

        private void Hand()
        {
            T[] records = _open;
            int count = _count;
            var keys = new PersonKeys[count];
            Task work = Task.Run(() =>
            {
                for (int i = 0; i < count; i++)
                {
                    keys[i] = normalise(records[i]);
                }
            });
            _batches.Add((records, count, keys, work));
            _open = new T[BatchSize];
            _count = 0;
        }
    }
}
