using Orleans.Distill.Grains;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>
/// A cluster of its own with the default detection settings, for tests that run weeks of event time: each test
/// starts its events at an epoch of its own, far beyond what the tests before it left, so their links (and the
/// verdicts they earned) have long expired.
/// </summary>
public sealed class EventTimeClusterFixture : ClusterFixture
{
    /// <summary>Midnight, more than retention's and memory's reach after the newest event seen so far.</summary>
    public async Task<DateTime> NextEpochAsync()
    {
        var watermark = await Cluster.Client.GetGrain<IWatermarkGrain>(0).Get();
        var from = watermark < T0 ? T0 : watermark;
        return from.Date.AddDays(400);
    }
}

[CollectionDefinition(Name)]
public sealed class EventTimeClusterCollection : ICollectionFixture<EventTimeClusterFixture>
{
    public const string Name = "event-time-cluster";
}
