namespace Linkage.Storage;

/// <summary>What an import did: records (or activities) added, changed, unchanged and deleted, and how many activities it queued.</summary>
public sealed record ImportReport(long Added, long Changed, long Unchanged, long Deleted, long Queued)
{
    public static ImportReport operator +(ImportReport a, ImportReport b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Added + b.Added, a.Changed + b.Changed, a.Unchanged + b.Unchanged, a.Deleted + b.Deleted, a.Queued + b.Queued);
    }

    public static ImportReport Add(ImportReport a, ImportReport b) => a + b;

    public static ImportReport None { get; } = new(0, 0, 0, 0, 0);
}
