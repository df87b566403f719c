using System.Text.Json;
using CsCheck;
using Linkage.Core.Model;
using Linkage.Storage.Records;
using Linkage.Storage.Tests.Support;

namespace Linkage.Storage.Tests;

/// <summary>
/// The incremental promise: after any sequence of CRM changes (records added, modified and deleted, of every
/// kind), settings changes and activity changes, re-associating only what the store queued gives exactly
/// what a full recompute over the whole snapshot gives, for every activity.
/// </summary>
public class IncrementalPropertyTests
{
    private const string Ws = "default";

    private enum Op
    {
        Upsert,
        Delete,
        ReplaceImport,
        Settings,
        Activity,
    }

    private sealed record Step(Op Op, CrmRecord[] Records, int Pick, LinkageSettings Settings, Activity[] Activities);

    private sealed record Sequence(CrmRecord[] Initial, LinkageSettings Settings, Activity[] Activities, Step[] Steps);

    private static readonly Gen<Step> StepGen = Gen.Select(
        Gen.Frequency((8, Gen.Const(Op.Upsert)), (4, Gen.Const(Op.Delete)), (2, Gen.Const(Op.ReplaceImport)), (1, Gen.Const(Op.Settings)), (1, Gen.Const(Op.Activity))),
        RandomWorld.Record.Array[1, 3], Gen.Int[0, 1000], RandomWorld.Settings, RandomWorld.Activities,
        (op, records, pick, settings, activities) => new Step(op, records, pick, settings, activities));

    private static readonly Gen<Sequence> SequenceGen = Gen.Select(
        RandomWorld.Record.Array[4, 16], RandomWorld.Settings, RandomWorld.Activities, StepGen.Array[6, 10],
        (initial, settings, activities, steps) => new Sequence(initial, settings, activities, steps));

    /// <summary>Incremental runs work from the records the queued activities reach; the first run from the whole snapshot.</summary>
    [Fact]
    public void Incremental_reassociation_equals_a_full_recompute_after_any_change_sequence() =>
        SequenceGen.Sample(Run, iter: 1500, print: Print);

    /// <summary>The same with every run from the records the activities reach, and one small batch at a time.</summary>
    [Fact]
    public void Neighbourhood_runs_in_small_batches_equal_a_full_recompute() =>
        SequenceGen.Sample(s => Run(s, new StoreTuning { WholeSnapshotThreshold = long.MaxValue, NeighbourhoodBatch = 3, PerRecordCauses = 1 }),
            iter: 500, print: Print);

    private static void Run(Sequence s) => Run(s, new StoreTuning { WholeSnapshotThreshold = 6 });

    private static void Run(Sequence s, StoreTuning tuning)
    {
        using ILinkageStore store = LinkageStore.Open(":memory:", tuning: tuning);
        var model = new Dictionary<(RecordKind, string), CrmRecord>();
        foreach (CrmRecord r in s.Initial)
        {
            model[(r.Kind, r.Id)] = r;
        }

        LinkageSettings settings = s.Settings;
        Activity[] activities = [.. s.Activities];
        store.ReplaceSettings(Ws, settings);
        store.ImportCrm(Ws, Oracle.Snapshot(model.Values), replace: false);
        store.ImportActivities(Ws, activities);
        store.Associate(Ws);
        Oracle.AssertMatches(store, Ws, Oracle.Snapshot(model.Values), settings, activities);

        foreach (Step step in s.Steps)
        {
            switch (step.Op)
            {
                case Op.Upsert:
                    foreach (CrmRecord r in step.Records)
                    {
                        model[(r.Kind, r.Id)] = r;
                    }

                    store.ApplyCrmChanges(Ws, step.Records, []);
                    break;
                case Op.Delete when model.Count > 0:
                    (RecordKind, string) gone = model.Keys.OrderBy(k => k).ElementAt(step.Pick % model.Count);
                    model.Remove(gone);
                    store.ApplyCrmChanges(Ws, [], [gone]);
                    break;
                case Op.ReplaceImport:
                    foreach (CrmRecord r in step.Records)
                    {
                        model[(r.Kind, r.Id)] = r;
                    }

                    if (model.Count > 0)
                    {
                        model.Remove(model.Keys.OrderBy(k => k).ElementAt(step.Pick % model.Count));
                    }

                    store.ImportCrm(Ws, Oracle.Snapshot(model.Values), replace: true);
                    break;
                case Op.Settings:
                    settings = step.Settings;
                    store.ReplaceSettings(Ws, settings);
                    break;
                case Op.Activity:
                    int at = step.Pick % activities.Length;
                    activities[at] = step.Activities[0] with { Id = activities[at].Id };
                    store.ImportActivities(Ws, [activities[at]]);
                    break;
            }

            store.Associate(Ws);
            Oracle.AssertMatches(store, Ws, Oracle.Snapshot(model.Values), settings, activities);
        }
    }

    private static string Print(Sequence s) => JsonSerializer.Serialize(new
    {
        initial = s.Initial.Select(r => r.Value),
        s.Settings,
        s.Activities,
        steps = s.Steps.Select(st => new { op = st.Op.ToString(), records = st.Records.Select(r => r.Value), st.Pick, st.Settings, activity = st.Activities[0] }),
    });
}
