namespace Orleans.Distill.Scoring;

/// <summary>The names features go by in configuration and in <c>reasons</c>.</summary>
public static class FeatureNames
{
    public const string Accounts = "accounts";
    public const string SharedInstrumentAccounts = "shared_instrument_accounts";
    public const string SharedIpRangeAccounts = "shared_ip_range_accounts";
    public const string SharedDeviceAccounts = "shared_device_accounts";
    public const string SharedTemplateAccounts = "shared_template_accounts";
    public const string SignupBurstiness = "signup_burstiness";
    public const string SignupSpreadDays = "signup_spread_days";
    public const string TrafficEvenness = "traffic_evenness";
    public const string UnevenTraffic = "uneven_traffic";
    public const string CapabilityShare = "capability_share";
    public const string Lockstep = "lockstep";
    public const string DailyPresence = "daily_presence";
    public const string NetworkDispersion = "network_dispersion";
    public const string CoLocated = "co_located";
    public const string FraudLabelled = "fraud_labelled";
    public const string BenignLabelled = "benign_labelled";
    public const string HubLinked = "hub_linked";

    /// <summary>Not a feature of the graph: a risk check that could not read all of it decided review (fail closed).</summary>
    public const string Degraded = "degraded";

    /// <summary>The shared-entity feature of each linked kind, by <c>GroupFeatures.KindIndex</c>.</summary>
    public static readonly string[] Shared = [SharedInstrumentAccounts, SharedIpRangeAccounts, SharedDeviceAccounts, SharedTemplateAccounts];

    /// <summary>Every feature a group is measured on (<c>RiskScorer.Measure</c>), in the order it gives them.</summary>
    public static readonly IReadOnlyList<string> Measured =
    [
        .. Shared, Accounts, SignupBurstiness, SignupSpreadDays, TrafficEvenness, CapabilityShare, Lockstep, DailyPresence,
        UnevenTraffic, NetworkDispersion, CoLocated, HubLinked, FraudLabelled, BenignLabelled,
    ];
}
