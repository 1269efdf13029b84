using Orleans.Distill.Detection;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>
/// A cluster of its own with tight hub thresholds and a short window, for tests that move event time far ahead
/// (which would expire the links of every test sharing <see cref="ClusterFixture"/>'s cluster).
/// </summary>
public sealed class WindowClusterFixture : ClusterFixture
{
    public const string AllowlistedRanges = "10.250.0.0/16";

    public static readonly DetectionOptions Tight = new()
    {
        Window = TimeSpan.FromDays(10),
        HubThresholds = new() { ["instrument"] = 3, ["ip_range"] = 4, ["device"] = 3, ["template"] = 3 },
        HubAllowlist = [AllowlistedRanges],
        RescoreDelay = TimeSpan.FromMilliseconds(10),
        RescoreDelayPerAccount = TimeSpan.Zero,
    };

    public override DetectionOptions Detection => Tight;
}

[CollectionDefinition(Name)]
public sealed class WindowClusterCollection : ICollectionFixture<WindowClusterFixture>
{
    public const string Name = "window-cluster";
}
