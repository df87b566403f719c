using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Generator;

namespace Linkage.Benchmarks;

/// <summary>Generated worlds held in memory for benchmarks.</summary>
public static class Worlds
{
    public static CrmSnapshot Snapshot(World world)
    {
        WorldSize size = world.Size;
        return new CrmSnapshot
        {
            Users = [.. Enumerable.Range(0, size.Users).Select(world.User)],
            Accounts = [.. Range(size.Accounts).Select(world.Account)],
            Contacts = [.. Range(size.Contacts).Select(world.Contact)],
            Leads = [.. Range(size.Leads).Select(world.Lead)],
            Deals = [.. Range(size.Deals).Select(world.Deal)],
            DealContacts = [.. Range(size.Deals).SelectMany(world.DealContacts)],
        };
    }

    public static Associator Associator(World world) =>
        Core.Engine.Associator.Create(Snapshot(world), World.Settings, ReferenceData.Bundled);

    public static IEnumerable<long> Range(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return i;
        }
    }
}
