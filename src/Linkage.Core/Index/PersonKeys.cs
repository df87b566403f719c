using Linkage.Core.Normalisation;

namespace Linkage.Core.Index;

/// <summary>
/// One record's normalised emails and phones, each without repeats. Hosts and registrable domains are not
/// kept: they are suffixes of the addresses, read as spans where the domain map needs them, so a build
/// makes one string per address instead of three that would survive until the build ends.
/// </summary>
internal readonly record struct PersonKeys(string[] Emails, string[] Phones, int Skipped)
{
    public static PersonKeys Of(IReadOnlyList<string> emails, IReadOnlyList<string> phones, string? region, string defaultRegion)
    {
        int skipped = 0;
        var addresses = new Distinct(emails.Count);
        for (int i = 0; i < emails.Count; i++)
        {
            addresses.Add(EmailAddress.TryNormalise(emails[i], out string address, out _) ? address : null, ref skipped);
        }

        var numbers = new Distinct(phones.Count);
        for (int i = 0; i < phones.Count; i++)
        {
            numbers.Add(PhoneNumber.TryNormalise(phones[i], region, defaultRegion, out string e164) ? e164 : null, ref skipped);
        }

        return new PersonKeys(addresses.ToArray(), numbers.ToArray(), skipped);
    }

    /// <summary>Normalised values in first-seen order; most records have one, which costs one array.</summary>
    private struct Distinct(int capacity)
    {
        private string[] _keys = capacity == 0 ? [] : new string[capacity];
        private int _count;

        public void Add(string? key, ref int skipped)
        {
            if (key is null)
            {
                skipped++;
            }
            else if (Array.IndexOf(_keys, key, 0, _count) < 0)
            {
                _keys[_count++] = key;
            }
        }

        public readonly string[] ToArray() => _count == _keys.Length ? _keys : _keys[.._count];
    }
}
