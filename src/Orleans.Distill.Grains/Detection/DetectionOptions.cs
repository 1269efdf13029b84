using Orleans.Distill.Keys;

namespace Orleans.Distill.Detection;

/// <summary>Which links glue components together. Bound from <c>Distill:Detection</c>.</summary>
public sealed class DetectionOptions
{
    public const string Section = "Distill:Detection";

    /// <summary>
    /// Links last seen longer ago than this, in event time (behind the newest event seen), stop gluing.
    /// <see cref="TimeSpan.Zero"/> keeps every link.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// An entity linked to more distinct accounts than its kind's threshold within the window is a hub and stops
    /// gluing. A card or a device shared by more than 50 accounts is no household's; a /24 shared by more than 100
    /// is a NAT, a campus or a carrier; a prompt template used by more than 50 is a popular one.
    /// </summary>
    public Dictionary<string, int> HubThresholds { get; set; } = new()
    {
        ["instrument"] = 50,
        ["ip_range"] = 100,
        ["device"] = 50,
        ["template"] = 50,
    };

    /// <summary>IP ranges inside these CIDRs are hubs from their first link (carrier CGNAT, campus, corporate egress).</summary>
    public List<string> HubAllowlist { get; set; } = [];

    /// <summary>Also treat RFC 6598 shared address space (100.64.0.0/10, carrier-grade NAT) as allowlisted.</summary>
    public bool AllowlistSharedAddressSpace { get; set; } = true;

    /// <summary>How long a changed component waits before it is re-scored, so a burst of batches costs one rebuild.</summary>
    public TimeSpan RescoreDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Extra wait per account before a component is rebuilt again: large components are rebuilt less often.</summary>
    public TimeSpan RescoreDelayPerAccount { get; set; } = TimeSpan.FromMilliseconds(0.2);

    /// <summary>Whether this silo runs the background rebuild; at least one silo of a cluster must.</summary>
    public bool RunRebuilds { get; set; } = true;

    /// <summary>Components rebuilt at once by each silo.</summary>
    public int RebuildConcurrency { get; set; } = 8;

    /// <summary>
    /// How long a silo holds a component it is rebuilding before another silo may take it over: how long the work
    /// of a silo that died waits. A rebuild that outlives its lease is merely repeated (rebuilds are idempotent).
    /// </summary>
    public TimeSpan RebuildLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long (in event time) a verdict is remembered after the evidence last supported it: an account stays
    /// flagged, and a card or device its ring used stays burned, after the ring's links age out or it splits.
    /// Zero remembers nothing.
    /// </summary>
    public TimeSpan RememberFor { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// The least decision that is remembered. A review is a question to an analyst, often asked of a group while
    /// it is still growing; only a deny is a verdict by default.
    /// </summary>
    public Scoring.Decision RememberAt { get; set; } = Scoring.Decision.Deny;

    public const string SharedAddressSpace = "100.64.0.0/10";

    public int ThresholdOf(EntityKind kind) =>
        HubThresholds.TryGetValue(kind.Name(), out var threshold) ? threshold : int.MaxValue;

    public IEnumerable<string> Allowlist() =>
        AllowlistSharedAddressSpace ? HubAllowlist.Append(SharedAddressSpace) : HubAllowlist;
}
