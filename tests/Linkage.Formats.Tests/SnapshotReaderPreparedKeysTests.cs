using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;

namespace Linkage.Formats.Tests;

/// <summary>
/// The reader hands every person to <see cref="PreparedKeys"/> as it reads them, so the index build can take
/// their keys normalised meanwhile; the associations are the same as without.
/// </summary>
public class SnapshotReaderPreparedKeysTests
{
    private static string Samples(string file)
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "samples", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(file);
    }

    [Fact]
    public void Every_user_contact_and_lead_is_handed_over_as_read()
    {
        var prepared = new PreparedKeys(new LinkageSettings());
        CrmSnapshot s = SnapshotReader.ReadFile(Samples("crm.json"), prepared);
        Assert.Equal(s.Users.Count + s.Contacts.Count + s.Leads.Count, prepared.Count);
    }

    [Fact]
    public void Sample_associations_are_the_same_with_keys_prepared_while_reading()
    {
        LinkageSettings settings = SettingsReader.ReadFile(Samples("settings.json"));
        var prepared = new PreparedKeys(settings);
        Associator with = Associator.Create(SnapshotReader.ReadFile(Samples("crm.json"), prepared), settings, prepared: prepared);
        Associator without = Associator.Create(SnapshotReader.ReadFile(Samples("crm.json")), settings);
        List<Activity> activities = Fixture.Activities(new JsonLinesActivitySource(Samples("activities.jsonl")));
        Assert.NotEmpty(activities);
        foreach (Activity a in activities)
        {
            Assert.Equal(Print(without.Associate(a)), Print(with.Associate(a)));
        }
    }

    private static string Print(AssociationResult r) => System.Text.Json.JsonSerializer.Serialize(r);
}
