using System.CommandLine;
using Linkage.Server.Auth;

namespace Linkage.Cli;

/// <summary>
/// The admin commands of the HTTP server: <c>linkage workspace create NAME</c> and
/// <c>linkage key create --workspace NAME</c>, which prints a new API key once (the store keeps its hash).
/// </summary>
internal static class WorkspaceCommand
{
    public static Command CreateWorkspace(TextWriter stderr)
    {
        var name = new Argument<string>("NAME") { Description = "The new workspace's name (one company's CRM)." };
        var store = StoreOptions.WithDefaults();
        var create = new Command("create", "Create an empty workspace in the store (creating a SQLite store when missing).") { name };
        store.AddTo(create);
        create.Options.Remove(store.Workspace);
        create.SetAction(parse => StoreOptions.Run(parse, store, stderr, (s, _) =>
        {
            string ws = parse.GetRequiredValue(name).Trim();
            if (ws.Length == 0)
            {
                stderr.WriteLine("linkage: a workspace needs a name");
                return ExitCodes.BadInput;
            }

            stderr.WriteLine(s.CreateWorkspace(ws)
                ? $"linkage: workspace '{ws}' created in {StoreOptions.Describe(store.DbOf(parse))}; make it a key with 'linkage key create --workspace {ws}'"
                : $"linkage: workspace '{ws}' already exists in {StoreOptions.Describe(store.DbOf(parse))}");
            return ExitCodes.Ok;
        }, create: true));

        var list = new Command("list", "List the store's workspaces.");
        var listStore = StoreOptions.WithDefaults();
        listStore.AddTo(list);
        list.Options.Remove(listStore.Workspace);
        list.SetAction(parse => StoreOptions.Run(parse, listStore, stderr, (s, _) =>
        {
            foreach (string ws in s.Workspaces())
            {
                stderr.WriteLine(ws);
            }

            return ExitCodes.Ok;
        }));
        return new Command("workspace", "Manage the store's workspaces.") { create, list };
    }

    public static Command CreateKey(Stream stdout, TextWriter stderr)
    {
        var label = new Option<string?>("--label") { Description = "A note to tell keys apart (who or what uses it)." };
        var store = StoreOptions.WithDefaults();
        var create = new Command("create", "Create an API key for a workspace and print it once; only its hash is stored.") { label };
        store.AddTo(create);
        create.SetAction(parse => StoreOptions.Run(parse, store, stderr, (s, ws) =>
        {
            string key = NewKey(s, ws, parse.GetValue(label) ?? "");
            using (var writer = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), 256, leaveOpen: true))
            {
                writer.WriteLine(key);
            }

            stderr.WriteLine($"linkage: API key for workspace '{ws}' created; it is shown only this once");
            return ExitCodes.Ok;
        }));
        return new Command("key", "Manage API keys of 'linkage serve'.") { create };
    }

    /// <summary>Creates and files a key for an existing workspace (the store refuses an unknown one).</summary>
    internal static string NewKey(Storage.ILinkageStore store, string workspace, string label)
    {
        string key = ApiKeys.NewKey();
        store.AddApiKey(workspace, ApiKeys.Hash(key), label);
        return key;
    }
}
