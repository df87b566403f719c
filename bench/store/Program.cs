using System.Diagnostics;
using System.Globalization;
using Linkage.Core.Model;
using Linkage.Storage;
using Linkage.Storage.Records;

// Timing harness for incremental re-association on a store that bench/store/run.sh has filled:
//   dotnet StoreBench.dll STORE [SAMPLES]
// and for the server's write path without HTTP (what bench/serve/run.sh drives through the API):
//   dotnet StoreBench.dll submit STORE WORKSPACE ACTIVITIES.jsonl COUNT BATCH
// Changes one contact at a time (its phone), then one account's domains, and times the re-association
// in-process (the command line adds about 0.2 s of process start and store open to each).
if (args.Length > 0 && args[0] == "submit")
{
    return SubmitBench.Run(args[1..]);
}

// The server's writer alone (plans made first, only the store's writes timed):
//   dotnet StoreBench.dll write STORE WORKSPACE ACTIVITIES.jsonl COUNT CHUNK
if (args.Length > 0 && args[0] == "write")
{
    return WriteBench.Run(args[1..]);
}

// The engine's part of a submission on one thread (what the server's plan of a chunk costs):
//   dotnet StoreBench.dll plan STORE WORKSPACE ACTIVITIES.jsonl COUNT CHUNK
if (args.Length > 0 && args[0] == "plan")
{
    return PlanBench.Run(args[1..]);
}

string db = args.Length > 0 ? args[0] : throw new ArgumentException("usage: StoreBench STORE [SAMPLES [WORKSPACE]]");
int samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
string Ws = args.Length > 2 ? args[2] : "default";
using ILinkageStore store = LinkageStore.Open(db, create: false);
CrmSnapshot snapshot = store.Snapshot(Ws);
var random = new Random(42);

// One contact: apply the change (commit, queue) and associate what it queued.
var times = new List<(double Apply, double Associate, long Recomputed)>();
for (int i = 0; i < samples; i++)
{
    Contact c = snapshot.Contacts[random.Next(snapshot.Contacts.Count)];
    Contact changed = c with { Phones = [$"+1 415 555 {random.Next(1000, 9999)}"], ModifiedAt = DateTimeOffset.UnixEpoch.AddDays(i) };
    var clock = Stopwatch.StartNew();
    store.ApplyCrmChanges(Ws, [CrmRecord.Of(changed)], []);
    double apply = clock.Elapsed.TotalMilliseconds;
    AssociateReport report = store.Associate(Ws);
    times.Add((apply, clock.Elapsed.TotalMilliseconds - apply, report.Recomputed));
}

Console.WriteLine($"one contact changed ({samples} samples): median apply {Median(times.Select(t => t.Apply)):F1} ms + associate " +
    $"{Median(times.Select(t => t.Associate)):F1} ms; max total {times.Max(t => t.Apply + t.Associate):F1} ms; " +
    $"activities recomputed: median {Median(times.Select(t => (double)t.Recomputed)):F0}, max {times.Max(t => t.Recomputed)}");

// One account's domain: accounts picked across sizes; time against the activities it re-queued.
Console.WriteLine("| account domains changed | activities recomputed | apply ms | associate ms | µs per activity |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (Account a in snapshot.Accounts.Where(a => a.Domains.Count > 0 || a.Website is not null).OrderBy(_ => random.Next()).Take(samples / 2))
{
    Account changed = a with { Domains = [.. a.Domains, $"bench-{random.Next()}.example"] };
    var clock = Stopwatch.StartNew();
    store.ApplyCrmChanges(Ws, [CrmRecord.Of(changed)], []);
    double apply = clock.Elapsed.TotalMilliseconds;
    AssociateReport report = store.Associate(Ws);
    double associate = clock.Elapsed.TotalMilliseconds - apply;
    Console.WriteLine($"| {a.Id} | {report.Recomputed} | {apply:F1} | {associate:F1} | {(report.Recomputed == 0 ? 0 : associate * 1000 / report.Recomputed):F0} |");
}

return 0;

static double Median(IEnumerable<double> values)
{
    double[] sorted = [.. values.Order()];
    return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
}
