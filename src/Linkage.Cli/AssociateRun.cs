using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Formats;
using Linkage.Formats.Canonical;
using Linkage.Formats.Crm;
using Linkage.Formats.Sources;
using Linkage.Storage;

namespace Linkage.Cli;

/// <summary>
/// One <c>associate</c> run: load settings and snapshot, build the index once, then stream the activities
/// through the engine in bounded batches spread over all cores, writing results in input order.
/// </summary>
internal sealed class AssociateRun(AssociateOptions options, Stream stdout, TextWriter stderr, bool showProgress)
{
    // Small batches: the items in flight (lines read ahead, results waiting to be written) must die young.
    // At 8,192 they outlived gen0 and were promoted, and the gen1/gen2 collections that followed marked the
    // whole 2 GB CRM heap (1M x 1M: gen1 collections in the associate phase 11 -> 3, gen2 2 -> 0-1).
    private const int BatchSize = 1024;

    public async Task<int> ExecuteAsync(CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        LinkageSettings settings = options.SettingsPath is { } settingsPath ? SettingsReader.ReadFile(settingsPath) : new LinkageSettings();
        // A large CRM takes seconds to read and index: say so on a terminal (logs stay clean).
        Status($"reading the CRM from {options.CrmPath}…");
        // People's keys are normalised on the other core while the rest of the file is still being read.
        var prepared = new PreparedKeys(settings);
        CrmRead crm = CrmInputs.Read(options.CrmPath, options.CrmFormat, prepared);
        Status($"indexing {crm.Snapshot.Contacts.Count:N0} contacts, {crm.Snapshot.Accounts.Count:N0} accounts, {crm.Snapshot.Leads.Count:N0} leads, {crm.Snapshot.Deals.Count:N0} deals…");
        using ILinkageStore? ledger = options.CrmApi is { } api ? LinkageStore.Open(api.Ledger, create: true) : null;
        using DialerSession? dialer = ledger is null ? null : DialerSession.Open(options.CrmApi, settings, ledger, StoreOptions.DefaultWorkspace);
        var associator = Associator.Create(crm.Snapshot, settings, ReferenceData.Bundled, dialer?.Lookup, prepared);
        Status(null);
        ReportCrmProblems(crm);
        TimeSpan loaded = clock.Elapsed;
        ReportIndex(associator.Index);

        ActivityInputs inputs = ActivityInputs.Open(options.ActivitiesPaths, options.ActivitiesFormat, options.Window);
        Stream output = options.OutPath is { } outPath ? OpenOutput(outPath) : stdout;
        var summary = new RunSummary { CrmRowsSkipped = crm.Problems.Count };
        try
        {
            using var progress = ProgressReporter.Create(showProgress, stderr, inputs.Length);

            // Three stages overlap: one task reads batches ahead, both cores associate the current batch,
            // and one task writes the previous batch in input order. Two batches wait at most per stage,
            // so memory stays bounded whatever the file's size.
            var toProcess = Channel.CreateBounded<List<SourceItem>>(2);
            var toWrite = Channel.CreateBounded<Processed[]>(2);
            Task reading = Task.Run(async () =>
            {
                try
                {
                    var batch = new List<SourceItem>(BatchSize);
                    foreach (SourceItem item in inputs.Read())
                    {
                        batch.Add(item);
                        if (batch.Count == BatchSize)
                        {
                            await toProcess.Writer.WriteAsync(batch, cancel).ConfigureAwait(false);
                            batch = new List<SourceItem>(BatchSize);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await toProcess.Writer.WriteAsync(batch, cancel).ConfigureAwait(false);
                    }
                }
                finally
                {
                    toProcess.Writer.Complete();
                }
            }, cancel);
            Task writing = Task.Run(async () =>
            {
                await foreach (Processed[] processed in toWrite.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
                {
                    foreach (Processed item in processed)
                    {
                        if (item.Line is { } line)
                        {
                            output.Write(line);
                            continue;
                        }

                        lock (summary)
                        {
                            summary.AddMalformed();
                        }

                        progress.Report(item.Location.Skipped(item.Problem!));
                    }

                    progress.Advance(inputs.Position, summary.Activities);
                }
            }, cancel);

            try
            {
                await foreach (List<SourceItem> batch in toProcess.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
                {
                    await toWrite.Writer.WriteAsync(Process(batch, associator, summary), cancel).ConfigureAwait(false);
                }
            }
            finally
            {
                toWrite.Writer.Complete();
            }

            await Task.WhenAll(reading, writing).ConfigureAwait(false);
            await output.FlushAsync(cancel).ConfigureAwait(false);
        }
        finally
        {
            if (!ReferenceEquals(output, stdout))
            {
                await output.DisposeAsync().ConfigureAwait(false);
            }
        }

        clock.Stop();
        dialer?.Finish(stderr);
        summary.Render(stderr, loaded, clock.Elapsed);
        return options.Strict && summary.Malformed > 0 ? ExitCodes.MalformedActivities : ExitCodes.Ok;
    }

    /// <summary>
    /// Decodes, associates and serialises one batch on all cores. Each worker tallies its own summary, so a
    /// result object dies as soon as its line is written to bytes (holding a batch of results until the
    /// sequential write made them survive into older GC generations, which cost more than the engine).
    /// </summary>
    private static Processed[] Process(List<SourceItem> batch, Associator associator, RunSummary summary)
    {
        var processed = new Processed[batch.Count];
        Parallel.For(0, batch.Count, () => (Buffer: new ArrayBufferWriter<byte>(2048), Writer: new AssociationWriter.Lines(), Tally: new RunSummary()), (i, _, local) =>
        {
            SourceItem item = batch[i];
            ActivityParse parse = item.Decode();
            if (parse.Activity is not { } activity)
            {
                processed[i] = new Processed(item.Location, null, parse.Problem);
                return local;
            }

            AssociationResult result = associator.Associate(activity);
            local.Tally.Add(result);
            local.Buffer.ResetWrittenCount();
            local.Writer.Write(result, local.Buffer);
            processed[i] = new Processed(item.Location, local.Buffer.WrittenSpan.ToArray(), null);
            return local;
        }, local =>
        {
            local.Writer.Dispose();
            lock (summary)
            {
                summary.Merge(local.Tally);
            }
        });
        return processed;
    }

    /// <summary>CRM rows that could not be read were skipped; each is named, then counted.</summary>
    /// <summary>A one-line status on a terminal, replaced by the next; null clears it.</summary>
    private void Status(string? message)
    {
        if (showProgress)
        {
            stderr.Write(message is null ? "\r\u001b[2K" : $"\r\u001b[2K{message}");
        }
    }

    private void ReportCrmProblems(CrmRead crm)
    {
        foreach (SourceProblem problem in crm.Problems)
        {
            stderr.WriteLine($"linkage: {problem}");
        }

        if (crm.Problems.Count > 0)
        {
            stderr.WriteLine($"linkage: {options.CrmPath}: {crm.Problems.Count} CRM row(s) skipped");
        }
    }

    private void ReportIndex(CrmIndex index)
    {
        if (index.DuplicateIds.Count > 0)
        {
            string sample = string.Join(", ", index.DuplicateIds.Take(5));
            stderr.WriteLine($"linkage: {options.CrmPath}: {index.DuplicateIds.Count} duplicate record id(s) ({sample}); the latest modifiedAt was kept");
        }
    }

    private static FileStream OpenOutput(string path)
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

    private readonly record struct Processed(SourceLocation Location, byte[]? Line, string? Problem);
}
