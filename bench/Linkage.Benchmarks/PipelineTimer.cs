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
                Parallel.For(0, batch.Count, () => new ArrayBufferWriter<byte>(2048), (i, _, buffer) =>
                {
                    Activity? activity = ActivityLineParser.Parse(batch[i].Utf8.Span).Activity;
                    if (activity is not null && stage >= 2)
                    {
                        AssociationResult result = associator.Associate(activity);
                        if (stage >= 3)
                        {
                            buffer.ResetWrittenCount();
                            AssociationWriter.WriteLine(result, buffer);
                        }
                    }

                    return buffer;
                }, _ => { });
                n += batch.Count;
            }

            string what = stage switch { 1 => "read + parse", 2 => "+ associate", _ => "+ serialise" };
            Console.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:F2} s ({n / clock.Elapsed.TotalSeconds:N0}/s)");
        }

        return 0;
    }
}
