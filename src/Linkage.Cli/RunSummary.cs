using System.Globalization;
using Linkage.Core.Engine;
using Linkage.Formats.Canonical;
using Spectre.Console;

namespace Linkage.Cli;

/// <summary>Counts of a run, rendered on standard error when it ends.</summary>
internal sealed class RunSummary
{
    private readonly SortedDictionary<string, long> _statuses = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _rules = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _classes = new(StringComparer.Ordinal);

    public long Activities { get; private set; }

    public long Malformed { get; private set; }

    public long Ambiguous { get; private set; }

    public long Warnings { get; private set; }

    public long CrmApiCalls { get; private set; }

    public void Add(AssociationResult result)
    {
        Activities++;
        Increment(_statuses, AssociationWriter.Status(result.Status));
        foreach (ParticipantResult p in result.Participants)
        {
            Increment(_classes, AssociationWriter.Class(p.Class));
            if (p.Rule is { } rule)
            {
                Increment(_rules, rule);
            }

            if (p.Ambiguous)
            {
                Ambiguous++;
            }
        }

        Warnings += result.Warnings.Count;
        CrmApiCalls += result.CrmApiCalls;
    }

    public void AddMalformed() => Malformed++;

    /// <summary>Adds another worker's tally to this one.</summary>
    public void Merge(RunSummary other)
    {
        Activities += other.Activities;
        Malformed += other.Malformed;
        Ambiguous += other.Ambiguous;
        Warnings += other.Warnings;
        CrmApiCalls += other.CrmApiCalls;
        foreach ((string key, long count) in other._statuses)
        {
            _statuses[key] = _statuses.GetValueOrDefault(key) + count;
        }

        foreach ((string key, long count) in other._classes)
        {
            _classes[key] = _classes.GetValueOrDefault(key) + count;
        }

        foreach ((string key, long count) in other._rules)
        {
            _rules[key] = _rules.GetValueOrDefault(key) + count;
        }
    }

    public void Render(TextWriter stderr, TimeSpan loading, TimeSpan total)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        double associateSeconds = Math.Max((total - loading).TotalSeconds, 1e-9);
        var table = new Table().Border(TableBorder.Rounded).Title("linkage associate").AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("activities", Format(Activities));
        foreach ((string status, long count) in _statuses)
        {
            table.AddRow($"  status {status}", Format(count));
        }

        foreach ((string cls, long count) in _classes)
        {
            table.AddRow($"  participants {cls}", Format(count));
        }

        foreach ((string rule, long count) in _rules)
        {
            table.AddRow($"  rule {rule}", Format(count));
        }

        table.AddRow("ambiguous matches", Format(Ambiguous));
        table.AddRow("warnings", Format(Warnings));
        table.AddRow("malformed lines", Format(Malformed));
        table.AddRow("CRM API calls", Format(CrmApiCalls));
        table.AddRow("load + index", $"{loading.TotalSeconds:F2} s");
        table.AddRow("associate + write", $"{associateSeconds:F2} s ({Format((long)(Activities / associateSeconds))}/s)");
        console.Write(table);
    }

    private static string Format(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static void Increment(SortedDictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
