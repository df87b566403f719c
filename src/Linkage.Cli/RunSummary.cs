using System.Globalization;
using System.Runtime.InteropServices;
using Linkage.Core.Engine;
using Linkage.Formats.Canonical;
using Spectre.Console;

namespace Linkage.Cli;

/// <summary>Counts of a run, rendered on standard error when it ends.</summary>
internal sealed class RunSummary
{
    // Counted per participant on the hot path: arrays by enum, and rule names (interned constants) in a
    // hash map; sorted only when rendered.
    private readonly long[] _statuses = new long[Enum.GetValues<AssociationStatus>().Length];
    private readonly long[] _classes = new long[Enum.GetValues<ParticipantClass>().Length];
    private readonly Dictionary<string, long> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lookups = new(StringComparer.Ordinal);

    public long Activities { get; private set; }

    /// <summary>Activity lines, messages, calls or events that could not be read.</summary>
    public long Malformed { get; private set; }

    /// <summary>CRM rows reported and skipped while the snapshot was read.</summary>
    public long CrmRowsSkipped { get; set; }

    public long Ambiguous { get; private set; }

    public long Warnings { get; private set; }

    public long CrmApiCalls { get; private set; }

    public void Add(AssociationResult result)
    {
        Activities++;
        _statuses[(int)result.Status]++;
        foreach (ParticipantResult p in result.Participants)
        {
            _classes[(int)p.Class]++;
            if (p.Rule is { } rule)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_rules, rule, out _)++;
            }

            if (p.Ambiguous)
            {
                Ambiguous++;
            }

            if (p.Lookup is { } lookup)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_lookups, lookup, out _)++;
            }
            else if (p.Source is not null)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_lookups, "found", out _)++;
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
        for (int i = 0; i < _statuses.Length; i++)
        {
            _statuses[i] += other._statuses[i];
        }

        for (int i = 0; i < _classes.Length; i++)
        {
            _classes[i] += other._classes[i];
        }

        foreach ((string key, long count) in other._rules)
        {
            _rules[key] = _rules.GetValueOrDefault(key) + count;
        }

        foreach ((string key, long count) in other._lookups)
        {
            _lookups[key] = _lookups.GetValueOrDefault(key) + count;
        }
    }

    /// <summary>Participants by how their live CRM look-up ended (<c>not-found</c>, <c>quota-exhausted</c>, …).</summary>
    public long LookupsEndedAs(string outcome) => _lookups.GetValueOrDefault(outcome);

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
        foreach ((string status, long count) in Named(_statuses, i => AssociationWriter.Status((AssociationStatus)i)))
        {
            table.AddRow($"  status {status}", Format(count));
        }

        foreach ((string cls, long count) in Named(_classes, i => AssociationWriter.Class((ParticipantClass)i)))
        {
            table.AddRow($"  participants {cls}", Format(count));
        }

        foreach ((string rule, long count) in _rules.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            table.AddRow($"  rule {rule}", Format(count));
        }

        table.AddRow("ambiguous matches", Format(Ambiguous));
        table.AddRow("warnings", Format(Warnings));
        table.AddRow("malformed lines", Format(Malformed));
        if (CrmRowsSkipped > 0)
        {
            table.AddRow("CRM rows skipped", Format(CrmRowsSkipped));
        }
        table.AddRow("CRM API calls", Format(CrmApiCalls));
        foreach ((string outcome, long count) in _lookups.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            table.AddRow($"  look-up {outcome}", Format(count));
        }

        table.AddRow("load + index", $"{loading.TotalSeconds:F2} s");
        table.AddRow("associate + write", $"{associateSeconds:F2} s ({Format((long)(Activities / associateSeconds))}/s)");
        console.Write(table);
    }

    private static string Format(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The non-zero counts of an enum-indexed array, by name.</summary>
    private static IEnumerable<KeyValuePair<string, long>> Named(long[] counts, Func<int, string> name) =>
        counts.Select((count, i) => KeyValuePair.Create(name(i), count)).Where(c => c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal);
}
