namespace Orleans.Distill.Tests.Cluster;

/// <summary>
/// A cluster of its own with tight hub thresholds and a short window, for tests that move event time far ahead
/// (which would expire the links of every test sharing <see cref="ClusterFixture"/>'s cluster).
/// </summary>
public sealed class WindowClusterFixture : ClusterFixture
{
    public const string AllowlistedRanges = "10.250.0.0/16";

    public static readonly IReadOnlyDictionary<string, string?> Tight = new Dictionary<string, string?>
    {
        ["Distill:Detection:Window"] = "10.00:00:00",
        ["Distill:Detection:HubThresholds:instrument"] = "3",
        ["Distill:Detection:HubThresholds:ip_range"] = "4",
        ["Distill:Detection:HubThresholds:device"] = "3",
        ["Distill:Detection:HubThresholds:template"] = "3",
        ["Distill:Detection:HubAllowlist:0"] = AllowlistedRanges,
        ["Distill:Detection:RescoreDelay"] = "00:00:00.010",
        // Thresholds of three make hubs of any few accounts; whether they are one operator's is not what the
        // tests on this cluster check.
        ["Distill:Detection:OperatorBehaviour"] = "0",
    };

    protected override IReadOnlyDictionary<string, string?> Overrides => Tight;
}

[CollectionDefinition(Name)]
public sealed class WindowClusterCollection : ICollectionFixture<WindowClusterFixture>
{
    public const string Name = "window-cluster";
}
