using System.CommandLine;
using Linkage.Formats;

namespace Linkage.Cli;

/// <summary>The <c>linkage</c> command line: parses, dispatches, and turns input errors into exit codes.</summary>
public static class LinkageCommand
{
    /// <summary>Runs the command with explicit streams so tests can drive it in-process.</summary>
    public static async Task<int> RunAsync(string[] args, Stream stdout, TextWriter stderr, bool stderrIsRedirected,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        environment ??= Environment.GetEnvironmentVariable;
        var root = new RootCommand("Linkage links sales conversations to the CRM records they belong to.")
        {
            AssociateCommand.Create(stdout, stderr, stderrIsRedirected, environment),
            GenerateCommand.Create(stderr),
            ConvertCommand.Create(stdout, stderr),
            ImportCommand.Create(stderr, stderrIsRedirected),
            ShowCommand.Create(stdout, stderr),
            ExportCommand.Create(stdout, stderr),
            PinCommand.CreatePin(stderr),
            PinCommand.CreateUnpin(stderr),
            ServeCommand.Create(stderr),
            BackfillCommand.Create(stdout, stderr),
            WorkspaceCommand.CreateWorkspace(stderr),
            WorkspaceCommand.CreateKey(stdout, stderr),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                await stderr.WriteLineAsync($"linkage: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'linkage --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stderr, Error = stderr, EnableDefaultExceptionHandler = false })
                .ConfigureAwait(false);
        }
        catch (InputException ex)
        {
            await stderr.WriteLineAsync($"linkage: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("linkage: cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The last line of defence: a person gets one sentence, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"linkage: internal error: {ex.Message} ({ex.GetType().Name})").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("LINKAGE_DEBUG") is "1")
            {
                await stderr.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }
            else
            {
                await stderr.WriteLineAsync("linkage: this is a bug; run again with LINKAGE_DEBUG=1 for details and report them").ConfigureAwait(false);
            }

            return ExitCodes.InternalError;
        }
    }
}
