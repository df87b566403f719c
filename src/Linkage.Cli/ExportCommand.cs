using System.CommandLine;
using System.Text;
using Linkage.Formats;

namespace Linkage.Cli;

/// <summary>
/// <c>linkage export [--out FILE]</c>: every associated activity's line, canonical JSON Lines in import
/// order; a pinned activity's line carries the pinned ids and <c>"manual": true</c>.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var output = new Option<string?>("--out") { Description = "Where to write the associations (JSON Lines); standard output when absent." };
        var store = StoreOptions.WithDefaults();
        var command = new Command("export", "Write the workspace's associations as canonical JSON Lines.") { output };
        store.AddTo(command);
        command.SetAction(parse => StoreOptions.Run(parse, store, stderr, (s, ws) =>
        {
            string? outPath = parse.GetValue(output);
            Stream target = outPath is null ? stdout : Open(outPath);
            long written = 0, waiting = 0, never = 0;
            try
            {
                byte[] newline = "\n"u8.ToArray();
                s.ExportAssociations(ws, a =>
                {
                    if (a.IsPending)
                    {
                        waiting++;
                    }

                    if (a.ExportLine is not { } line)
                    {
                        never++;
                        return;
                    }

                    target.Write(Encoding.UTF8.GetBytes(line));
                    target.Write(newline);
                    written++;
                });
                target.Flush();
            }
            finally
            {
                if (!ReferenceEquals(target, stdout))
                {
                    target.Dispose();
                }
            }

            stderr.WriteLine($"linkage: {written:N0} associations exported from workspace '{ws}'");
            if (waiting > 0)
            {
                stderr.WriteLine($"linkage: {waiting:N0} activities are queued for (re-)association ({never:N0} never associated, left out); " +
                    "run 'linkage associate' for current results");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(path, null, $"cannot write output: {ex.Message}", ex);
        }
    }
}
