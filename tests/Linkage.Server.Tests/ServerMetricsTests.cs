using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Linkage.Server.Tests.Support;

namespace Linkage.Server.Tests;

/// <summary>A submission reports its stages as .NET metrics on the <c>Linkage.Server</c> meter.</summary>
public sealed class ServerMetricsTests : IDisposable
{
    private readonly ServerWorld _world = new();

    [Fact]
    public async Task A_submission_records_its_plan_write_group_and_wait()
    {
        var seen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Linkage.Server")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => seen.AddOrUpdate(instrument.Name, 1, (_, n) => n + 1));
        listener.SetMeasurementEventCallback<int>((instrument, _, _, _) => seen.AddOrUpdate(instrument.Name, 1, (_, n) => n + 1));
        listener.Start();

        HttpResponseMessage response = await ServerWorld.Client(_world.Server(), _world.NorthwindKey).PostJson("/api/activities",
            """[{"id":"M1","type":"email","occurredAt":"2026-02-20T10:00:00Z","participants":[{"email":"r.mehta@acme-robotics.com","role":"to"}]}]""");
        response.EnsureSuccessStatusCode();

        Assert.Subset(seen.Keys.ToHashSet(), new HashSet<string> { "linkage.submit.plan", "linkage.submit.queued", "linkage.submit.write", "linkage.submit.group" });
    }

    public void Dispose() => _world.Dispose();
}
