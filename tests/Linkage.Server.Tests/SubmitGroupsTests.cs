using Linkage.Server.Workspaces;
using Linkage.Storage;

namespace Linkage.Server.Tests;

public sealed class SubmitGroupsTests
{
    [Fact]
    public async Task A_lone_request_is_written_at_once_and_alone()
    {
        using var slot = new TestSlot();
        var groups = new SubmitGroups<string[]>();
        var writes = new List<string[]>();
        IReadOnlyList<string> lines = await Submit(groups, slot, Recording(writes), 100, "A1", "A2");

        Assert.Equal(["A1", "A2"], writes.Single());
        Assert.Equal(["line A1", "line A2"], lines);
    }

    [Fact]
    public async Task Requests_waiting_behind_a_write_are_written_together_and_each_gets_its_own_lines()
    {
        using var slot = new TestSlot();
        var groups = new SubmitGroups<string[]>();
        var writes = new List<string[]>();
        IDisposable held = await slot.LockAsync(default);
        Task<IReadOnlyList<string>> first = Submit(groups, slot, Recording(writes), 100, "A1");
        Task<IReadOnlyList<string>> second = Submit(groups, slot, Recording(writes), 100, "B1", "B2");
        Task<IReadOnlyList<string>> third = Submit(groups, slot, Recording(writes), 100, "C1");
        held.Dispose();

        Assert.Equal(["line A1"], await first);
        Assert.Equal(["line B1", "line B2"], await second);
        Assert.Equal(["line C1"], await third);
        Assert.Equal(["A1", "B1", "B2", "C1"], writes.Single());
    }

    [Fact]
    public async Task Only_the_writer_takes_the_lock_so_a_group_passes_it_once()
    {
        using var slot = new TestSlot();
        var groups = new SubmitGroups<string[]>();
        var writes = new List<string[]>();
        IDisposable held = await slot.LockAsync(default);
        Task<IReadOnlyList<string>>[] requests = [.. Enumerable.Range(0, 5).Select(i => Submit(groups, slot, Recording(writes), 100, $"R{i}"))];
        held.Dispose();
        await Task.WhenAll(requests);

        Assert.Single(writes);
        Assert.Equal(2, slot.Locks); // the test's own hold, then the writer's
    }

    [Fact]
    public async Task Requests_arriving_during_a_write_are_written_next_by_one_of_them()
    {
        using var slot = new TestSlot();
        var groups = new SubmitGroups<string[]>();
        var writes = new List<string[]>();
        using var writing = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        Func<IReadOnlyList<string[]>, IReadOnlyList<string>> record = Recording(writes);
        Func<IReadOnlyList<string[]>, IReadOnlyList<string>> blockingFirst = group =>
        {
            if (group[0][0] == "A1")
            {
                writing.Release();
                release.Wait();
            }

            return record(group);
        };
        Task<IReadOnlyList<string>> first = Task.Run(() => Submit(groups, slot, blockingFirst, 100, "A1"));
        await writing.WaitAsync();
        Task<IReadOnlyList<string>> second = Submit(groups, slot, blockingFirst, 100, "B1");
        Task<IReadOnlyList<string>> third = Submit(groups, slot, blockingFirst, 100, "C1");
        release.Release();

        Assert.Equal(["line A1"], await first);
        Assert.Equal(["line B1"], await second);
        Assert.Equal(["line C1"], await third);
        Assert.Equal([["A1"], ["B1", "C1"]], writes);
    }

    [Fact]
    public async Task A_request_repeating_a_waiting_id_is_written_after_it_so_the_later_one_wins()
    {
        using var slot = new TestSlot();
        var groups = new SubmitGroups<string[]>();
        var writes = new List<string[]>();
        IDisposable held = await slot.LockAsync(default);
        Task<IReadOnlyList<string>> first = Submit(groups, slot, Recording(writes), 100, "A1", "A2");
        Task<IReadOnlyList<string>> again = Submit(groups, slot, Recording(writes), 100, "A2");
        held.Dispose();
        await Task.WhenAll(first, again);

        Assert.Equal([["A1", "A2"], ["A2"]], writes);
    }

    [Fact]
    public async Task A_group_stops_before_the_request_that_would_pass_its_size()
    {
        using var slot = new TestSlot();
        var groups = new SubmitGroups<string[]>();
        var writes = new List<string[]>();
        IDisposable held = await slot.LockAsync(default);
        Task<IReadOnlyList<string>> first = Submit(groups, slot, Recording(writes), 3, "A1", "A2");
        Task<IReadOnlyList<string>> second = Submit(groups, slot, Recording(writes), 3, "B1", "B2");
        held.Dispose();
        await Task.WhenAll(first, second);

        Assert.Equal([["A1", "A2"], ["B1", "B2"]], writes);
    }

    [Fact]
    public async Task A_failed_write_fails_every_request_of_its_group()
    {
        using var slot = new TestSlot();
        var groups = new SubmitGroups<string[]>();
        IDisposable held = await slot.LockAsync(default);
        Func<IReadOnlyList<string[]>, IReadOnlyList<string>> failing = _ => throw new InvalidOperationException("store gone");
        Task<IReadOnlyList<string>> first = Submit(groups, slot, failing, 100, "A1");
        Task<IReadOnlyList<string>> second = Submit(groups, slot, failing, 100, "B1");
        held.Dispose();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => second);
    }

    [Fact]
    public async Task Repeated_ids_within_a_request_answer_once_per_distinct_id_in_a_group()
    {
        using var slot = new TestSlot();
        var groups = new SubmitGroups<string[]>();
        var writes = new List<string[]>();
        IDisposable held = await slot.LockAsync(default);
        Task<IReadOnlyList<string>> first = Submit(groups, slot, Recording(writes), 100, "A1", "A1", "A2");
        Task<IReadOnlyList<string>> second = Submit(groups, slot, Recording(writes), 100, "B1");
        held.Dispose();

        Assert.Equal(["line A1", "line A2"], await first);
        Assert.Equal(["line B1"], await second);
    }

    /// <summary>One request: its activity ids (repeats allowed) as the item, and its distinct ids.</summary>
    [Fact]
    public async Task Every_request_of_many_concurrent_submitters_is_answered_with_its_own_lines()
    {
        // Hand-over races (a writer leaving while a request queues) would leave requests unanswered for
        // good; many submitters on the thread pool with writes of uneven length give them their chances.
        using var slot = new TestSlot();
        var groups = new SubmitGroups<string[]>();
        Func<IReadOnlyList<string[]>, IReadOnlyList<string>> write = group =>
        {
            Thread.SpinWait(Random.Shared.Next(0, 2_000));
            return [.. group.SelectMany(ids => ids).Select(id => "line " + id)];
        };

        Task<bool>[] submitters = [.. Enumerable.Range(0, 8).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < 1_500; i++)
            {
                if (i % 7 == 0)
                {
                    await Task.Yield();
                }

                string id = $"S{s}-{i}";
                IReadOnlyList<string> lines = await Submit(groups, slot, write, 4, id);
                if (lines.Count != 1 || lines[0] != "line " + id)
                {
                    return false;
                }
            }

            return true;
        }))];

        Task all = Task.WhenAll(submitters);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60))));
        Assert.All(submitters, s => Assert.True(s.Result));
    }

    [Fact]
    public async Task A_request_written_before_it_claims_the_writing_hands_it_over()
    {
        // The window of the server's stall: B queues, A takes B into its group, writes it and leaves with
        // nobody waiting; only then does B claim the writing. B must give it back, or C waits for good.
        using var slot = new TestSlot();
        using var bQueued = new ManualResetEventSlim();
        using var aAnswered = new ManualResetEventSlim();
        var writes = new List<string[]>();
        var groups = new SubmitGroups<string[]>
        {
            AfterQueued = ids =>
            {
                if (ids[0] == "A1")
                {
                    bQueued.Wait();
                }
                else if (ids[0] == "B1")
                {
                    bQueued.Set();
                    aAnswered.Wait();
                }
            },
        };

        Task<IReadOnlyList<string>> a = Task.Run(() => Submit(groups, slot, Recording(writes), 100, "A1"));
        Task<IReadOnlyList<string>> b = Task.Run(() => Submit(groups, slot, Recording(writes), 100, "B1"));
        await a.WaitAsync(TimeSpan.FromSeconds(30));
        aAnswered.Set();
        await b.WaitAsync(TimeSpan.FromSeconds(30));
        Task<IReadOnlyList<string>> c = Submit(groups, slot, Recording(writes), 100, "C1");

        Assert.Equal(["line C1"], await c.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_written_request_is_not_kept_alive_by_the_queue()
    {
        // A request's item is a plan holding its activities and results: once answered, nothing of the
        // queue may keep it (the ConcurrentQueue this replaced kept every peeked-at item of its segment).
        using var slot = new TestSlot();
        var groups = new SubmitGroups<object>();
        WeakReference[] written = await SubmitAndForget(groups, slot, 40);
        await groups.SubmitAsync(new object(), ["last"], slot, g => [.. g.Select(_ => "line")], 100, default);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.DoesNotContain(written, w => w.IsAlive);
    }

    // Not inlined into the test, so that no local of the test's frame holds an item.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<WeakReference[]> SubmitAndForget(SubmitGroups<object> groups, TestSlot slot, int count)
    {
        var refs = new WeakReference[count];
        for (int i = 0; i < count; i++)
        {
            object item = new byte[1024];
            refs[i] = new WeakReference(item);
            await groups.SubmitAsync(item, [$"A{i}"], slot, g => [.. g.Select(_ => "line")], 100, default);
        }

        return refs;
    }

    private static Task<IReadOnlyList<string>> Submit(SubmitGroups<string[]> groups, TestSlot slot,
        Func<IReadOnlyList<string[]>, IReadOnlyList<string>> write, int maxGroup, params string[] ids) =>
        groups.SubmitAsync(ids, [.. ids.Distinct()], slot, write, maxGroup, default);

    /// <summary>A store's answer: one line per distinct id of each request, in order of first appearance.</summary>
    private static Func<IReadOnlyList<string[]>, IReadOnlyList<string>> Recording(List<string[]> writes) => group =>
    {
        lock (writes)
        {
            writes.Add([.. group.SelectMany(ids => ids)]);
        }

        return [.. group.SelectMany(ids => ids.Distinct()).Select(id => "line " + id)];
    };

    private sealed class TestSlot : IWorkspaceSlot, IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private int _locks;

        /// <summary>How many times the lock was taken.</summary>
        public int Locks => Volatile.Read(ref _locks);

        public SubmitGroups<SubmitPlan> Submits => throw new NotSupportedException();

        public WorkspaceEngine Engine() => throw new NotSupportedException();

        public void Invalidate()
        {
        }

        public void Changed()
        {
        }

        public void Dispose() => _gate.Dispose();

        public async Task<IDisposable> LockAsync(CancellationToken cancel)
        {
            await _gate.WaitAsync(cancel);
            Interlocked.Increment(ref _locks);
            return new Held(_gate);
        }

        private sealed class Held(SemaphoreSlim gate) : IDisposable
        {
            public void Dispose() => gate.Release();
        }
    }
}
