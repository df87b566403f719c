namespace Linkage.Server.Workspaces;

/// <summary>
/// Group commit for one workspace's submissions. Writes to a workspace are one at a time, and most of a
/// small request's cost is fixed (a transaction, a dozen statements), so requests that arrive while a write
/// runs are not written one by one after it: the next holder of the lock writes every waiting request in
/// one store call and hands each its own lines. No request waits for a timer: a lone request is written
/// at once, and grouping happens only when requests queue up anyway. Answers are the same as one by one.
/// One request at a time is the writer and only it takes the lock; the others wait for their answers, and
/// the writer hands over to the oldest of them when it is done.
/// </summary>
/// <typeparam name="T">One request's submission, as the writer takes it (for the server, a store's plan).</typeparam>
public sealed class SubmitGroups<T>
{
    // A plain queue under a lock, not a ConcurrentQueue: peeking into a ConcurrentQueue marks its segment
    // "preserved for observation", after which dequeued items are never cleared from it, so every request's
    // plan (activities, results, lines) stayed reachable until its segment of up to a million slots filled.
    // That was ~3.5 KB per request surviving each gen0 collection and the gen2 growth behind long pauses.
    private readonly Queue<Waiting> _queue = new();

    // 1 while a request is the writer (waiting for the lock or writing). Only the writer takes the lock:
    // waiters wait for their answer, not for the lock, so a group of N does not pass the lock N times.
    private int _writing;

    /// <summary>
    /// Called with each request's item once it is queued and before it claims the writing: tests pause a
    /// request in that window, where a writer can take it into a group and leave.
    /// </summary>
    internal Action<T>? AfterQueued { get; init; }

    /// <summary>
    /// Submits one request's <paramref name="item"/>: <paramref name="ids"/> are its distinct activity ids,
    /// one answer line each. <paramref name="write"/> stores a group's items (under the workspace's lock)
    /// and answers their lines one after another, in the order of the items and of their ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> SubmitAsync(
        T item, IReadOnlyCollection<string> ids, IWorkspaceSlot slot, Func<IReadOnlyList<T>, IReadOnlyList<string>> write,
        int maxGroup, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(write);
        var me = new Waiting(item, ids);
        lock (_queue)
        {
            _queue.Enqueue(me);
        }

        AfterQueued?.Invoke(item);

        // Once queued, a request is written even if its caller gives up: it may be in a group already.
        // The writing is claimed even when this request is written already: a writer that took it into a
        // group and left before this point found nobody waiting and released the writing, and whoever
        // claims it must hand it over. (Skipping the hand-over when already written kept the writing claimed
        // by nobody: every later request waited for good. Caught in a heap dump of the stalled server.)
        bool writer = Interlocked.CompareExchange(ref _writing, 1, 0) == 0;
        if (!writer)
        {
            // Another request writes; it either writes this one in a group (Done is set first) or hands the
            // writing over to it. Nobody else writes while this one holds the writing, so Done tells which.
            await me.Wake.Task.ConfigureAwait(false);
            writer = !me.Done.Task.IsCompleted;
        }

        if (writer)
        {
            await WriteAsync(me, slot, write, maxGroup).ConfigureAwait(false);
        }

        cancel.ThrowIfCancellationRequested();
        return await me.Done.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// As the writer: takes the lock and writes groups from the queue's head until <paramref name="me"/> is
    /// written (a round or a few: it is in the queue, which is in arrival order), then hands the writing to
    /// the oldest request still waiting, so no request's answer waits for the writes of later ones. A writer
    /// whose request was written already only hands over.
    /// </summary>
    private async Task WriteAsync(Waiting me, IWorkspaceSlot slot, Func<IReadOnlyList<T>, IReadOnlyList<string>> write, int maxGroup)
    {
        try
        {
            if (!me.Done.Task.IsCompleted)
            {
                using (await slot.LockAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    while (!me.Done.Task.IsCompleted)
                    {
                        WriteGroup(TakeGroup(maxGroup), write);
                        slot.Changed();
                    }
                }
            }
        }
        finally
        {
            HandOver();
        }
    }

    /// <summary>The writer is done: the oldest waiting request writes next, or nobody writes if none waits.</summary>
    private void HandOver()
    {
        while (true)
        {
            if (Peek() is { } next)
            {
                next.Wake.TrySetResult();
                return;
            }

            Volatile.Write(ref _writing, 0);
            // A request queued after the look but before the flag cleared found a writer and waits: wake it.
            if (Peek() is null || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Waiting requests from the queue's head, up to <paramref name="maxGroup"/> ids (at least one
    /// request). A request that repeats an id of the group ends it: the later request must win, and that
    /// is what writing it in the next group does.
    /// </summary>
    private List<Waiting> TakeGroup(int maxGroup)
    {
        var group = new List<Waiting>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int size = 0;
        while (Peek() is { } next)
        {
            if (group.Count > 0 && (size + next.Ids.Count > maxGroup || next.Ids.Any(ids.Contains)))
            {
                break;
            }

            lock (_queue)
            {
                // Only the writer dequeues, so the head is still the request just looked at.
                _queue.Dequeue();
            }

            group.Add(next);
            ids.UnionWith(next.Ids);
            size += next.Ids.Count;
        }

        return group;
    }

    private Waiting? Peek()
    {
        lock (_queue)
        {
            return _queue.TryPeek(out Waiting? head) ? head : null;
        }
    }

    private static void WriteGroup(List<Waiting> group, Func<IReadOnlyList<T>, IReadOnlyList<string>> write)
    {
        IReadOnlyList<string> lines;
        try
        {
            lines = write([.. group.Select(w => w.Item)]);
        }
        catch (Exception ex)
        {
            foreach (Waiting w in group)
            {
                w.Done.TrySetException(ex);
                w.Wake.TrySetResult();
            }

            return;
        }

        if (group.Count == 1)
        {
            group[0].Done.TrySetResult(lines);
            group[0].Wake.TrySetResult();
            return;
        }

        // The ids of different requests are distinct, so each request's lines are one slice, in order.
        string[] all = lines as string[] ?? [.. lines];
        int offset = 0;
        foreach (Waiting w in group)
        {
            w.Done.TrySetResult(new ArraySegment<string>(all, offset, w.Ids.Count));
            w.Wake.TrySetResult();
            offset += w.Ids.Count;
        }
    }

    private sealed class Waiting(T item, IReadOnlyCollection<string> ids)
    {
        public T Item { get; } = item;

        public IReadOnlyCollection<string> Ids { get; } = ids;

        /// <summary>The request's lines, set by whichever request wrote its group.</summary>
        public TaskCompletionSource<IReadOnlyList<string>> Done { get; } = new();

        /// <summary>
        /// Set when the request is written (after <see cref="Done"/>) or must write next. Its continuation
        /// runs off the writer's thread: the writer must not run every waiter's answer before its next group.
        /// </summary>
        public TaskCompletionSource Wake { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
