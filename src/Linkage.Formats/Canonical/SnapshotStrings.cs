using Linkage.Core.Index;

namespace Linkage.Formats.Canonical;

/// <summary>
/// The string pools of one snapshot read. The serializer calls the record converters synchronously on the
/// reading thread, and its converters are shared by every read, so the pools of the read in progress are
/// found through a thread-local set up by <see cref="SnapshotReader"/> for the length of the read; outside
/// one, <see cref="Current"/> is null and values are read unpooled.
/// </summary>
internal sealed class SnapshotStrings
{
    [ThreadStatic]
    private static SnapshotStrings? current;

    /// <summary>
    /// Ids that other records repeat: accounts' and users' ids, and the references to them (a contact's or
    /// deal's account, an owner, a parent, a converted lead's account). Bounded generously: every entry is an
    /// id the snapshot keeps anyway, and the set is dropped with the reader.
    /// </summary>
    public StringPool References { get; } = new(capacity: 1 << 22);

    /// <summary>Text from a small vocabulary: regions, names, deal names, stages and types, roles, origins.</summary>
    public StringPool Values { get; } = new(capacity: 1 << 16);

    /// <summary>Where users, contacts and leads go as they are read, to have their keys normalised meanwhile.</summary>
    public PreparedKeys? Prepared { get; private init; }

    public static SnapshotStrings? Current => current;

    /// <summary>Pools for the read on this thread until the returned scope is disposed.</summary>
    public static Scope Begin(PreparedKeys? prepared = null)
    {
        SnapshotStrings? outer = current;
        current = new SnapshotStrings { Prepared = prepared };
        return new Scope(outer);
    }

    /// <summary>Ends a read's pools, restoring any outer read's (a read never nests today; this keeps it safe if one did).</summary>
    public readonly struct Scope(SnapshotStrings? outer) : IDisposable
    {
        public void Dispose() => current = outer;
    }
}
