using System.CommandLine;
using System.Data.Common;
using Linkage.Formats;
using Linkage.Storage;

namespace Linkage.Cli;

/// <summary>
/// The options every store command takes — <c>--db</c> (a SQLite file, <c>./linkage.db</c> by default, or a
/// <c>Host=…</c> PostgreSQL connection string) and <c>--workspace</c> (<c>default</c>) — and the one way
/// store commands turn failures into a sentence and exit code 2.
/// </summary>
internal sealed class StoreOptions
{
    public const string DefaultWorkspace = "default";

    private StoreOptions(bool withDefaults)
    {
        Db = new Option<string?>("--db")
        {
            Description = "The store: a SQLite file (./linkage.db when absent) or a PostgreSQL connection string (Host=…;Database=…;Username=…).",
        };
        Workspace = new Option<string?>("--workspace")
        {
            Description = "The workspace (one company's CRM) inside the store; 'default' when absent.",
        };
        if (withDefaults)
        {
            Db.DefaultValueFactory = _ => LinkageStore.DefaultLocation;
            Workspace.DefaultValueFactory = _ => DefaultWorkspace;
        }
    }

    public Option<string?> Db { get; }

    public Option<string?> Workspace { get; }

    /// <summary>For the store commands: both options default.</summary>
    public static StoreOptions WithDefaults() => new(withDefaults: true);

    /// <summary>For <c>associate</c>, where giving either option is what selects the store.</summary>
    public static StoreOptions Optional() => new(withDefaults: false);

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Workspace);
    }

    public string DbOf(ParseResult parse) => parse.GetValue(Db) ?? LinkageStore.DefaultLocation;

    public string WorkspaceOf(ParseResult parse) => parse.GetValue(Workspace) is { Length: > 0 } ws ? ws : DefaultWorkspace;

    /// <summary>How the store is named in messages: never with a password.</summary>
    public static string Describe(string db) => LinkageStore.IsPostgres(db)
        ? "PostgreSQL " + string.Join(';', db.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)))
        : db;

    /// <summary>
    /// Opens the store (creating a SQLite file only when <paramref name="create"/>: imports do, the other
    /// commands need one), runs <paramref name="work"/>, and turns store and input failures into exit code 2.
    /// </summary>
    public static int Run(ParseResult parse, StoreOptions options, TextWriter stderr, Func<ILinkageStore, string, int> work, bool create = false)
    {
        string db = options.DbOf(parse);
        try
        {
            using ILinkageStore store = LinkageStore.Open(db, tuning: StoreTuning.FromEnvironment(), create: create);
            return work(store, options.WorkspaceOf(parse));
        }
        catch (StoreException ex)
        {
            stderr.WriteLine($"linkage: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (InputException ex)
        {
            stderr.WriteLine($"linkage: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (DbException ex)
        {
            stderr.WriteLine($"linkage: the store {Describe(db)} failed: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
