using System.Text;
using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Linkage.Generator;
using Linkage.Storage;

namespace Linkage.Cluster.Tests.Support;

/// <summary>
/// A generated workspace (the generator's world: CRM, settings, activities) and what one machine makes of
/// it: each activity's association line as the engine computes it over the whole CRM.
/// </summary>
public sealed class WorkspaceData
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> _expected;

    private WorkspaceData(string name, World world)
    {
        Name = name;
        WorldSize size = world.Size;
        Crm = new CrmSnapshot
        {
            Users = [.. Range(size.Users).Select(u => world.User((int)u))],
            Accounts = [.. Range(size.Accounts).Select(world.Account)],
            Contacts = [.. Range(size.Contacts).Select(world.Contact)],
            Leads = [.. Range(size.Leads).Select(world.Lead)],
            Deals = [.. Range(size.Deals).Select(world.Deal)],
            DealContacts = [.. Range(size.Deals).SelectMany(world.DealContacts)],
        };
        Activities = [.. Range(size.Activities).Select(world.Activity).DistinctBy(a => a.Id)];
        Lines = [.. Activities.Select(a =>
        {
            using var buffer = new MemoryStream();
            CanonicalWriter.WriteActivityLine(buffer, a);
            return Encoding.UTF8.GetString(buffer.ToArray()).TrimEnd('\n');
        })];
        _expected = new(() =>
        {
            Associator engine = Associator.Create(Crm, Settings, ReferenceData.Bundled);
            return Activities.ToDictionary(a => a.Id, a =>
            {
                byte[] line = AssociationWriter.ToLine(engine.Associate(a));
                return Encoding.UTF8.GetString(line, 0, line.Length - 1);
            }, StringComparer.Ordinal);
        });
    }

    public string Name { get; }

    public CrmSnapshot Crm { get; }

    public LinkageSettings Settings => World.Settings;

    public IReadOnlyList<Activity> Activities { get; }

    /// <summary>The activities as canonical JSON, one each.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Activity id → the association line one machine computes.</summary>
    public IReadOnlyDictionary<string, string> Expected => _expected.Value;

    public static WorkspaceData Generate(string name, long contacts, long activities, ulong seed) =>
        new(name, new World(new WorldSize(contacts, activities, seed)));

    /// <summary>The request body of POST /api/activities for activities [from, from + count).</summary>
    public byte[] Body(int from, int count) => Encoding.UTF8.GetBytes("[" + string.Join(",", Lines.Skip(from).Take(count)) + "]");

    /// <summary>Creates the workspace with its settings and CRM; with <paramref name="activities"/> also queues its activities.</summary>
    public void Load(ILinkageStore store, bool activities)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.CreateWorkspace(Name);
        store.ReplaceSettings(Name, Settings);
        store.ImportCrm(Name, Crm, replace: false);
        if (activities)
        {
            store.ImportActivities(Name, Activities);
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
