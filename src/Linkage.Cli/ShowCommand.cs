using System.CommandLine;
using Linkage.Storage;

namespace Linkage.Cli;

/// <summary><c>linkage show ACTIVITY_ID</c>: the activity's association and why, as plain text (see <see cref="ShowText"/>).</summary>
internal static class ShowCommand
{
    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var activity = new Argument<string>("ACTIVITY_ID") { Description = "The activity to explain." };
        var store = StoreOptions.WithDefaults();
        var command = new Command("show", "Explain one activity's association: participants, rules, matched keys, tie-breaks, deals, pin and history.")
        {
            activity,
        };
        store.AddTo(command);
        command.SetAction(parse => StoreOptions.Run(parse, store, stderr, (s, ws) =>
        {
            string id = parse.GetRequiredValue(activity);
            if (s.Association(ws, id) is not { } stored)
            {
                stderr.WriteLine($"linkage: workspace '{ws}' has no activity '{id}'");
                return ExitCodes.BadInput;
            }

            string text = ShowText.Render(stored, s.Activity(ws, id), s.History(ws, id));
            using var writer = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), 1 << 12, leaveOpen: true);
            writer.Write(text);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
