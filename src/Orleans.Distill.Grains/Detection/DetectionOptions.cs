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
    /// How long each kind's links stay evidence, where it differs from <see cref="Window"/>. A card or a device is
    /// typically attached once, at signup, and stays the account's for as long as the account is used: it stays
    /// evidence while its account is active (the account's last event within the window), not only while the link
    /// itself was seen lately. An IP range is evidence only while it is used: a household that moved is no longer
    /// tied to its old neighbours.
    /// </summary>
    public Dictionary<string, LinkLifetime> Lifetimes { get; set; } = new()
    {
        ["instrument"] = new() { WhileActive = true },
        ["device"] = new() { WhileActive = true },
    };

    /// <summary>
    /// An entity past its hub threshold whose accounts look like one operator is not shared infrastructure: it
    /// keeps gluing, so a ring cannot hide by putting more accounts on its own proxies and cards than the threshold.
    /// It looks like one operator when at least this share of its accounts share a card or a device with another
    /// of its accounts (for a card or a device, sharing it is enough) …
    /// </summary>
    public double OperatorCoSharing { get; set; } = 0.5;

    /// <summary>
    /// … and their behaviour in common (signup bursts, uniform and capability-heavy traffic, activity in lockstep)
    /// reaches at least this share of what those features can add to a score. Allowlisted ranges are never judged.
    /// Zero turns the judgement off.
    /// </summary>
    public double OperatorBehaviour { get; set; } = 0.5;

    /// <summary>
    /// A range whose users in a component behave as one (<see cref="OperatorBehaviour"/>) is a pipeline's place: it ties
    /// the cores of those of its users whose mean requests per active day are within this factor of the range's, as a
    /// ring's script does. Households on a ring's proxy range run at rates of their own and are not tied. Zero turns it off.
    /// </summary>
    public double PlaceRateFactor { get; set; } = 2;

    /// <summary>
    /// Bought accounts are silent until their ring wakes them with its cards, and join it on the day they first use
    /// one: read from that day, their signups months apart come together. A woken account can send its first traffic
    /// on a day before its card's, as when a ring starts its accounts in the evening and attaches its cards after
    /// midnight. An account whose first traffic came at most this many days before it first used what it shares
    /// joined then; one at work longer than that (developers a company moves onto a new card) joined when it signed up.
    /// </summary>
    public int WakeDays { get; set; } = 1;

    /// <summary>
    /// How often (event time) a hub judged shared infrastructure is judged again. A ring's cards are seen at
    /// signup, before its accounts have shown how they behave, and no later event names them.
    /// </summary>
    public TimeSpan OperatorRejudgeEvery { get; set; } = TimeSpan.FromDays(1);

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

    public TimeSpan WindowOf(EntityKind kind) =>
        Lifetimes.TryGetValue(kind.Name(), out var lifetime) && lifetime.Window is { } window ? window : Window;

    public bool IsWhileActive(EntityKind kind) => Lifetimes.TryGetValue(kind.Name(), out var lifetime) && lifetime.WhileActive;

    /// <summary>The longest any link stays evidence by its own sighting: retention must keep links at least that long.</summary>
    public TimeSpan LongestWindow()
    {
        var windows = EntityKinds.Linked.Select(WindowOf).ToList();
        return windows.Contains(TimeSpan.Zero) ? TimeSpan.Zero : windows.Max();
    }

    public int ThresholdOf(EntityKind kind) =>
        HubThresholds.TryGetValue(kind.Name(), out var threshold) ? threshold : int.MaxValue;

    public IEnumerable<string> Allowlist() =>
        AllowlistSharedAddressSpace ? HubAllowlist.Append(SharedAddressSpace) : HubAllowlist;
}
