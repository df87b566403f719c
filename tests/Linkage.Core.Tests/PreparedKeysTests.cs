using System.Text.Json;
using CsCheck;
using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>
/// Keys normalised while a snapshot is read are a shortcut only: an index built with them must be the index
/// built without, whether the prepared records match the snapshot or not.
/// </summary>
public class PreparedKeysTests
{
    private static PreparedKeys Prepare(CrmSnapshot s, LinkageSettings settings)
    {
        var prepared = new PreparedKeys(settings);
        s.Users.ToList().ForEach(prepared.Add);
        s.Contacts.ToList().ForEach(prepared.Add);
        s.Leads.ToList().ForEach(prepared.Add);
        return prepared;
    }

    private static string Associate(CrmSnapshot snapshot, LinkageSettings settings, Activity activity, PreparedKeys? prepared) =>
        JsonSerializer.Serialize(Associator.Create(snapshot, settings, prepared: prepared).Associate(activity));

    [Fact]
    public void Prepared_keys_give_the_results_of_keys_normalised_by_the_build() =>
        (from snapshot in Generators.Snapshot
         from settings in Generators.Settings
         from activity in Generators.Activity
         select (snapshot, settings, activity))
        .Sample((snapshot, settings, activity) =>
            Assert.Equal(Associate(snapshot, settings, activity, null),
                Associate(snapshot, settings, activity, Prepare(snapshot, settings))), iter: 300);

    [Fact]
    public void Keys_prepared_for_other_records_are_not_used_and_change_nothing() =>
        (from snapshot in Generators.Snapshot
         from shuffled in Generators.Shuffled(snapshot)
         from settings in Generators.Settings
         from activity in Generators.Activity
         select (snapshot, shuffled, settings, activity))
        .Sample((snapshot, shuffled, settings, activity) =>
            Assert.Equal(Associate(snapshot, settings, activity, null),
                Associate(snapshot, settings, activity, Prepare(shuffled, settings))), iter: 300);

    [Fact]
    public void Keys_prepared_for_exactly_the_snapshot_are_taken()
    {
        Crm crm = new Crm().User("U1", "rep@ourco.com").Account("A1")
            .Contact("C1", "jane@acme.com", accountId: "A1").Contact("C2", "kim@acme.com", phone: "+14155550100").Lead("L1", "lee@acme.com");
        var settings = new LinkageSettings();
        PreparedKeys prepared = Prepare(crm.Snapshot, settings);
        CrmIndex.Build(crm.Snapshot, settings, ReferenceData.Bundled, prepared);
        Assert.Equal(3, prepared.SectionsTaken);
    }

    [Fact]
    public void Contacts_with_a_duplicate_id_are_normalised_by_the_build()
    {
        // The build keeps one of the two C1s, so the contacts no longer match what was prepared.
        Crm crm = new Crm().Contact("C1", "old@acme.com", modifiedAt: "2026-01-01T00:00:00Z")
            .Contact("C1", "new@acme.com", modifiedAt: "2026-02-01T00:00:00Z");
        var settings = new LinkageSettings();
        PreparedKeys prepared = Prepare(crm.Snapshot, settings);
        CrmIndex index = CrmIndex.Build(crm.Snapshot, settings, ReferenceData.Bundled, prepared);
        Assert.Equal((2, 1, 0), (prepared.SectionsTaken, index.ContactsByEmail("new@acme.com").Length, index.ContactsByEmail("old@acme.com").Length));
    }

    [Fact]
    public void Keys_prepared_under_another_default_region_are_not_used()
    {
        Crm crm = new Crm().Contact("C1", phone: "020 7946 0000");
        PreparedKeys prepared = Prepare(crm.Snapshot, new LinkageSettings { DefaultPhoneRegion = "US" });
        CrmIndex index = CrmIndex.Build(crm.Snapshot, new LinkageSettings { DefaultPhoneRegion = "GB" }, ReferenceData.Bundled, prepared);
        Assert.Equal((0, 1), (prepared.SectionsTaken, index.ContactsByPhone("+442079460000").Length));
    }
}
