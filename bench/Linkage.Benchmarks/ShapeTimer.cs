using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Generator;

namespace Linkage.Benchmarks;

/// <summary>ns per activity for a few fixed activity shapes, to see where the engine's time goes.</summary>
public static class ShapeTimer
{
    public static int Run()
    {
        var world = new World(new WorldSize(100_000, 0, 42));
        Associator associator = Worlds.Associator(world);
        DateTimeOffset t = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        Contact contact = Enumerable.Range(0, 1000).Select(i => world.Contact(i)).First(c => c.AccountId is not null && !c.Emails[0].Contains("gmail", StringComparison.Ordinal));
        string rep = world.User(0).Emails[0];
        Activity Shape(string id, params Participant[] participants) =>
            new() { Id = id, Type = ActivityType.Email, OccurredAt = t, Participants = participants };
        var shapes = new (string Name, Activity Activity)[]
        {
            ("no participants", Shape("A0")),
            ("one internal", Shape("A1", new Participant { Email = rep })),
            ("internal + known contact", Shape("A2", new Participant { Email = rep }, new Participant { Email = contact.Emails[0] })),
            ("internal + unknown gmail", Shape("A3", new Participant { Email = rep }, new Participant { Email = "nobody123@gmail.com" })),
            ("internal + unknown domain", Shape("A4", new Participant { Email = rep }, new Participant { Email = "x@nowhere-at-all.example" })),
        };
        foreach ((string name, Activity activity) in shapes)
        {
            Console.WriteLine($"{name}: {QuickTimer.NanosecondsPerOp(() => associator.Associate(activity), 500_000):F0} ns, deals {associator.Associate(activity).Deals.Count}");
        }

        return 0;
    }
}
