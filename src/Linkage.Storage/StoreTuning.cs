namespace Linkage.Storage;

/// <summary>
/// Batch sizes and thresholds. None changes a result, only how the work is cut up: tests shrink them to
/// exercise every path on small worlds.
/// </summary>
public sealed record StoreTuning
{
    public static StoreTuning Default { get; } = new();

    /// <summary>
    /// The defaults, with batch sizes from LINKAGE_STORE_IMPORT_BATCH and LINKAGE_STORE_ASSOCIATE_BATCH when
    /// set: the crash test makes transactions small so it can kill a run between two of them.
    /// </summary>
    public static StoreTuning FromEnvironment()
    {
        StoreTuning t = Default;
        if (int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_STORE_IMPORT_BATCH"), out int import) && import > 0)
        {
            t = t with { ImportBatch = import };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_STORE_ASSOCIATE_BATCH"), out int associate) && associate > 0)
        {
            t = t with { NeighbourhoodBatch = associate, WholeSnapshotBatch = associate };
        }

        return t;
    }

    /// <summary>Records or activities per import transaction.</summary>
    public int ImportBatch { get; init; } = 50_000;

    /// <summary>Activities per association transaction when working from the records they reach.</summary>
    public int NeighbourhoodBatch { get; init; } = 2_000;

    /// <summary>Activities per association transaction when working from the whole snapshot.</summary>
    public int WholeSnapshotBatch { get; init; } = 20_000;

    /// <summary>From this many queued activities on, a run loads the whole snapshot once instead.</summary>
    public long WholeSnapshotThreshold { get; init; } = 50_000;

    /// <summary>A change touching more keys than this queues every activity rather than looking each key up.</summary>
    public int QueueAllThreshold { get; init; } = 50_000;

    /// <summary>Up to this many changed records in a transaction, each queued activity names its record as the cause.</summary>
    public int PerRecordCauses { get; init; } = 32;
}
