using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;
using Linkage.Formats.Canonical;

namespace Linkage.Generator.Tests;

public sealed class WorldTests : IDisposable
{
    private static readonly World Small = new(new WorldSize(5_000, 5_000, 7));
    private static readonly Lazy<AssociationResult[]> Results = new(() =>
    {
        var associator = Associator.Create(Snapshot(Small), World.Settings);
        return [.. Enumerable.Range(0, (int)Small.Size.Activities).Select(i => associator.Associate(Small.Activity(i)))];
    });

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "linkage-gen-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static CrmSnapshot Snapshot(World w) => new()
    {
        Users = [.. Enumerable.Range(0, w.Size.Users).Select(w.User)],
        Accounts = [.. Enumerable.Range(0, (int)w.Size.Accounts).Select(i => w.Account(i))],
        Contacts = [.. Enumerable.Range(0, (int)w.Size.Contacts).Select(i => w.Contact(i))],
        Leads = [.. Enumerable.Range(0, (int)w.Size.Leads).Select(i => w.Lead(i))],
        Deals = [.. Enumerable.Range(0, (int)w.Size.Deals).Select(i => w.Deal(i))],
        DealContacts = [.. Enumerable.Range(0, (int)w.Size.Deals).SelectMany(i => w.DealContacts(i))],
    };

    private byte[] Written(ulong seed, string file)
    {
        string dir = Path.Combine(_dir, seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N"));
        WorldWriter.Write(new World(new WorldSize(300, 300, seed)), dir);
        return File.ReadAllBytes(Path.Combine(dir, file));
    }

    [Theory]
    [InlineData("crm.json")]
    [InlineData("activities.jsonl")]
    public void The_same_seed_writes_the_same_bytes(string file)
    {
        Assert.Equal(Written(3, file), Written(3, file));
    }

    [Fact]
    public void Another_seed_writes_another_world()
    {
        Assert.NotEqual(Written(3, "activities.jsonl"), Written(4, "activities.jsonl"));
    }

    [Fact]
    public void What_is_written_reads_back_as_a_canonical_snapshot_of_the_requested_size()
    {
        string dir = Path.Combine(_dir, "size");
        WorldWriter.Write(new World(new WorldSize(800, 10, 1)), dir);
        Assert.Equal(800, SnapshotReader.ReadFile(Path.Combine(dir, "crm.json")).Contacts.Count);
    }

    [Fact]
    public void Every_written_activity_line_parses()
    {
        string dir = Path.Combine(_dir, "lines");
        WorldWriter.Write(new World(new WorldSize(200, 2_000, 1)), dir);
        Assert.All(File.ReadLines(Path.Combine(dir, "activities.jsonl")), line => Assert.False(ActivityLineParser.Parse(line).IsMalformed, line));
    }

    [Fact]
    public void A_record_is_the_same_whenever_it_is_made()
    {
        static string Describe(Contact c) => $"{c.Id} {c.AccountId} {string.Join(",", c.Emails)} {string.Join(",", c.Phones)} {c.ModifiedAt:O}";
        Assert.Equal(Describe(Small.Contact(1234)), Describe(new World(new WorldSize(5_000, 5_000, 7)).Contact(1234)));
    }

    [Fact]
    public void About_fifteen_percent_of_contacts_are_on_free_mail()
    {
        double share = Enumerable.Range(0, 5_000).Count(i =>
            EmailAddress.TryParse(Small.Contact(i).Emails[0], out EmailAddress e) && PublicEmailDomains.Bundled.Contains(e.Host)) / 5_000.0;
        Assert.InRange(share, 0.12, 0.19);
    }

    [Fact]
    public void Phones_are_written_in_several_countries_formats()
    {
        int regions = Enumerable.Range(0, 2_000).Select(i => Small.Contact(i)).Where(c => c.Phones.Count > 0).Select(c => c.Region).Distinct().Count();
        Assert.True(regions >= 6, $"{regions} regions");
    }

    [Fact]
    public void Every_contact_phone_normalises()
    {
        Assert.All(Enumerable.Range(0, 2_000).Select(i => Small.Contact(i)).Where(c => c.Phones.Count > 0),
            c => Assert.True(PhoneNumber.TryNormalise(c.Phones[0], c.Region, "US", out _), c.Phones[0]));
    }

    [Theory]
    [InlineData(ActivityType.Email)]
    [InlineData(ActivityType.Call)]
    [InlineData(ActivityType.Meeting)]
    [InlineData(ActivityType.Engagement)]
    public void Activities_of_every_kind_are_generated(ActivityType kind)
    {
        Assert.Contains(Enumerable.Range(0, 500).Select(i => Small.Activity(i)), a => a.Type == kind);
    }

    [Theory]
    [InlineData("contact-email")]
    [InlineData("contact-email-subaddress")]
    [InlineData("contact-phone")]
    [InlineData("account-domain")]
    [InlineData("colleague-domain")]
    [InlineData("lead-email")]
    [InlineData("lead-phone")]
    [InlineData("converted-lead")]
    [InlineData("none")]
    public void Every_rule_fires_on_a_generated_world(string rule)
    {
        Assert.Contains(Results.Value.SelectMany(r => r.Participants), p => p.Rule == rule);
    }

    [Theory]
    [InlineData(ParticipantClass.Internal)]
    [InlineData(ParticipantClass.Spam)]
    [InlineData(ParticipantClass.Automated)]
    [InlineData(ParticipantClass.Invalid)]
    public void Every_participant_class_occurs_on_a_generated_world(ParticipantClass cls)
    {
        Assert.Contains(Results.Value.SelectMany(r => r.Participants), p => p.Class == cls);
    }

    [Theory]
    [InlineData(DealReasons.OpenAtTime)]
    [InlineData(DealReasons.OpenedAfter)]
    [InlineData(DealReasons.ClosedRecently)]
    [InlineData(DealReasons.Explicit)]
    public void Every_deal_reason_occurs_on_a_generated_world(string reason)
    {
        Assert.Contains(Results.Value.SelectMany(r => r.DealReasons), d => d.Reason == reason);
    }

    [Fact]
    public void Some_generated_matches_are_ambiguous()
    {
        Assert.Contains(Results.Value.SelectMany(r => r.Participants), p => p.Ambiguous);
    }
}
