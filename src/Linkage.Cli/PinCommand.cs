using System.CommandLine;
using Linkage.Storage;
using Linkage.Storage.Records;

namespace Linkage.Cli;

/// <summary>
/// <c>linkage pin ACTIVITY_ID --contact … --account … --lead … --deal …</c>: the activity's association is
/// exactly these ids (a kind not given is empty) until <c>linkage unpin ACTIVITY_ID</c>; automatic runs
/// keep recomputing underneath but never change a pin.
/// </summary>
internal static class PinCommand
{
    public static Command CreatePin(TextWriter stderr)
    {
        var activity = new Argument<string>("ACTIVITY_ID") { Description = "The activity to pin." };
        Option<string[]> contacts = Ids("--contact", "contact"), accounts = Ids("--account", "account"),
            leads = Ids("--lead", "lead"), deals = Ids("--deal", "deal");
        var store = StoreOptions.WithDefaults();
        var command = new Command("pin", "Associate an activity by hand with exactly the given records; automatic runs never change it.")
        {
            activity, contacts, accounts, leads, deals,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var ids = StoredIds.Normalised(Values(parse, contacts), Values(parse, accounts), Values(parse, leads), Values(parse, deals));
            if (ids.IsEmpty)
            {
                stderr.WriteLine("linkage: pin needs at least one of --contact, --account, --lead, --deal (to go back to automatic, use 'linkage unpin')");
                return ExitCodes.BadInput;
            }

            return StoreOptions.Run(parse, store, stderr, (s, ws) =>
            {
                string id = parse.GetRequiredValue(activity);
                s.Pin(ws, id, ids);
                stderr.WriteLine($"linkage: activity {id} pinned: {Describe(ids)}");
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    public static Command CreateUnpin(TextWriter stderr)
    {
        var activity = new Argument<string>("ACTIVITY_ID") { Description = "The activity to give back to automatic association." };
        var store = StoreOptions.WithDefaults();
        var command = new Command("unpin", "Remove an activity's pin; its automatic association applies again.") { activity };
        store.AddTo(command);
        command.SetAction(parse => StoreOptions.Run(parse, store, stderr, (s, ws) =>
        {
            string id = parse.GetRequiredValue(activity);
            stderr.WriteLine(s.Unpin(ws, id) ? $"linkage: activity {id} unpinned" : $"linkage: activity {id} was not pinned");
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static string Describe(StoredIds ids)
    {
        var parts = new List<string>();
        Add("contacts", ids.Contacts);
        Add("accounts", ids.Accounts);
        Add("leads", ids.Leads);
        Add("deals", ids.Deals);
        return parts.Count == 0 ? "nothing" : string.Join("; ", parts);

        void Add(string name, IReadOnlyList<string> list)
        {
            if (list.Count > 0)
            {
                parts.Add($"{name} {string.Join(", ", list)}");
            }
        }
    }

    private static Option<string[]> Ids(string name, string kind) => new(name)
    {
        Description = $"A {kind} id; repeat for several.",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static string[] Values(ParseResult parse, Option<string[]> option) => parse.GetValue(option) ?? [];
}
