using System.Buffers;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Formats;
using Linkage.Formats.Canonical;
using Linkage.Generator;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Linkage.Benchmarks;

/// <summary>
/// The associate pipeline's stages timed apart on a world folder: read + parse, + associate, + serialise.
/// Usage: pipeline WORLD_DIR.
/// </summary>
public static class PipelineTimer
{
    public static int Run(string dir)
    {
        CrmSnapshot snapshot = SnapshotReader.ReadFile(Path.Combine(dir, "crm.json"));
        Associator associator = Associator.Create(snapshot, World.Settings);
        foreach (int stage in new[] { 1, 2, 3 })
        {
            var clock = Stopwatch.StartNew();
            long n = 0;
            using FileStream input = InputFiles.OpenForReading(Path.Combine(dir, "activities.jsonl"));
            using var reader = new JsonLinesReader(input);
            for (List<NumberedLine> batch = reader.ReadBatch(8192); batch.Count > 0; batch = reader.ReadBatch(8192))
            {
                Parallel.For(0, batch.Count, () => (Buffer: new ArrayBufferWriter<byte>(2048), Lines: new AssociationWriter.Lines()), (i, _, local) =>
                {
                    Activity? activity = ActivityLineParser.Parse(batch[i].Utf8.Span).Activity;
                    if (activity is not null && stage >= 2)
                    {
                        AssociationResult result = associator.Associate(activity);
                        if (stage >= 3)
                        {
                            local.Buffer.ResetWrittenCount();
                            local.Lines.Write(result, local.Buffer);
                        }
                    }

                    return local;
                }, local => local.Lines.Dispose());
                n += batch.Count;
            }

            string what = stage switch { 1 => "read + parse", 2 => "+ associate", _ => "+ serialise" };
            Console.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:F2} s ({n / clock.Elapsed.TotalSeconds:N0}/s)");
        }

        return 0;
    }
}
