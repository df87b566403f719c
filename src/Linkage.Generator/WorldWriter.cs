using Linkage.Formats.Canonical;

namespace Linkage.Generator;

/// <summary>Streams a generated world to <c>crm.json</c>, <c>settings.json</c> and <c>activities.jsonl</c>.</summary>
public static class WorldWriter
{
    public static void Write(World world, string directory, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        Directory.CreateDirectory(directory);
        WorldSize size = world.Size;

        using (FileStream settings = File.Create(Path.Combine(directory, "settings.json")))
        {
            CanonicalWriter.WriteSettings(settings, World.Settings);
        }

        progress?.Report($"crm.json: {size.Contacts:N0} contacts, {size.Accounts:N0} accounts, {size.Leads:N0} leads, {size.Deals:N0} deals");
        using (var crm = new BufferedStream(File.Create(Path.Combine(directory, "crm.json")), 1 << 20))
        {
            CanonicalWriter.WriteSnapshot(crm, new CanonicalWriter.SnapshotSections(
                Range(size.Users).Select(u => world.User((int)u)),
                Range(size.Accounts).Select(world.Account),
                Range(size.Contacts).Select(world.Contact),
                Range(size.Leads).Select(world.Lead),
                Range(size.Deals).Select(world.Deal),
                Range(size.Deals).SelectMany(world.DealContacts)));
        }

        progress?.Report($"activities.jsonl: {size.Activities:N0} activities");
        using var activities = new BufferedStream(File.Create(Path.Combine(directory, "activities.jsonl")), 1 << 20);
        for (long j = 0; j < size.Activities; j++)
        {
            CanonicalWriter.WriteActivityLine(activities, world.Activity(j));
        }
    }

    private static IEnumerable<long> Range(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return i;
        }
    }
}
