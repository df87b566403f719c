namespace Linkage.Storage;

/// <summary>
/// What an association run did: activities recomputed, how many of those came out different, and whether
/// it worked from the whole snapshot (many queued) or from the records the queued activities can reach.
/// </summary>
public sealed record AssociateReport(long Recomputed, long Changed, bool WholeSnapshot);
