using System.Buffers;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Formats;
using Linkage.Formats.Canonical;
using Linkage.Generator;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Linkage.Benchmarks;

/// <summary>
/// The associate phase's three stages timed apart on one core, one activity at a time as the command
/// line runs them (parse, associate, write its line), each stage's time summed separately.
/// Usage: stages WORLD_DIR [ACTIVITIES] (default 200,000; the first lines of the world's file).
/// </summary>
public static class StageTimer
{
    public static int Run(string[] args)
    {
        string dir = args[0];
        int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        CrmSnapshot snapshot = SnapshotReader.ReadFile(Path.Combine(dir, "crm.json"));
        Associator associator = Associator.Create(snapshot, World.Settings);

        var lines = new List<ReadOnlyMemory<byte>>(count);
        using (FileStream input = InputFiles.OpenForReading(Path.Combine(dir, "activities.jsonl")))
        using (var reader = new JsonLinesReader(input))
        {
            for (List<NumberedLine> batch = reader.ReadBatch(8192); batch.Count > 0 && lines.Count < count; batch = reader.ReadBatch(8192))
            {
                lines.AddRange(batch.Take(count - lines.Count).Select(l => l.Utf8));
            }
        }

        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var writer = new AssociationWriter.Lines();
        for (int round = 1; round <= 3; round++)
        {
            long parse = 0, associate = 0, write = 0, bytes = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < lines.Count; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                Activity activity = ActivityLineParser.Parse(lines[i].Span).Activity!;
                long t1 = Stopwatch.GetTimestamp();
                AssociationResult result = associator.Associate(activity);
                long t2 = Stopwatch.GetTimestamp();
                buffer.ResetWrittenCount();
                writer.Write(result, buffer);
                long t3 = Stopwatch.GetTimestamp();
                parse += t1 - t0;
                associate += t2 - t1;
                write += t3 - t2;
                bytes += buffer.WrittenCount;
            }

            long allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / lines.Count;
            Console.WriteLine(
                $"round {round}: parse {Ns(parse, lines.Count):F0} ns, associate {Ns(associate, lines.Count):F0} ns, " +
                $"write {Ns(write, lines.Count):F0} ns an activity ({bytes / lines.Count} B a line); {allocated:N0} B allocated an activity");
        }

        return 0;
    }

    private static double Ns(long ticks, int n) => ticks * 1e9 / Stopwatch.Frequency / n;
}
