using Orleans.Concurrency;
using Orleans.Distill.Actions;
using Orleans.Distill.Graph;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Grains;

/// <summary>
/// A shared thing accounts link to (payment instrument, IP range, device, prompt template),
/// keyed by its node key, <c>kind:value</c>.
/// </summary>
[Alias("distill.IEntityGrain")]
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>
    /// Merges links from accounts (idempotent) with one storage write, and tells whether the entity glues at
    /// <paramref name="watermark"/>. An entity seen for the first time that glues takes
    /// <paramref name="proposedComponent"/> (its first account's component) as its own, so it needs no component
    /// grain of its own; the result then asks the caller to attach it there.
    /// </summary>
    [Alias("Upsert")]
    Task<EntityUpsertResult> Upsert(IReadOnlyList<LinkUpdate> links, string? proposedComponent, DateTime watermark);

    /// <summary>The caller has attached this entity to its component; no need to ask again.</summary>
    [Alias("ConfirmAttached")]
    Task ConfirmAttached();

    /// <summary>The entity as of <paramref name="watermark"/>, without changing it.</summary>
    [Alias("GetInfo"), ReadOnly]
    Task<EntityInfo?> GetInfo(DateTime watermark);

    /// <summary>Re-evaluates the hub rules at <paramref name="watermark"/> and records the outcome.</summary>
    [Alias("Refresh")]
    Task<EntityInfo?> Refresh(DateTime watermark);

    /// <summary>Points the entity at the component it is now a direct member of (after a split).</summary>
    [Alias("Repoint")]
    Task<bool> Repoint(string component, string? expected);

    /// <summary>Stores the score of this hub's accounts.</summary>
    [Alias("SetAssessment")]
    Task SetAssessment(Assessment assessment);

    /// <summary>Records that accounts using this identifier were denied: a signup that presents it is denied too.</summary>
    /// <summary>Judged one operator's: it stops being a hub and glues (see <c>HubOwnership</c>).</summary>
    [Alias("Own")]
    Task Own(OperatorJudgement judgement);

    [Alias("Burn")]
    Task Burn(RememberedVerdict verdict);

    /// <summary>
    /// An analyst asks to mark a widely shared entity benign: the first request waits; a request by another analyst
    /// approves it and marks it benign. Decided here, in one grain, so two analysts racing cannot both be first.
    /// </summary>
    [Alias("RequestBenign")]
    Task<BenignRequest> RequestBenign(AnalystAction action, DateTime watermark);

    /// <summary>An analyst marks the entity benign: it stops gluing and stops counting against its accounts.</summary>
    [Alias("MarkBenign")]
    Task<EntityInfo> MarkBenign(AnalystAction action, DateTime watermark);

    [Alias("Get"), ReadOnly]
    Task<EntitySnapshot?> Get();

    /// <summary>
    /// Deletes links last seen before <paramref name="linksBefore"/> (retention). What the entity remembers of denied
    /// rings (<see cref="EntityInfo.Burned"/>) stays for its own time.
    /// </summary>
    [Alias("Prune")]
    Task<EntityPruneResult> Prune(DateTime linksBefore);
}

[GenerateSerializer, Immutable, Alias("distill.entity-prune-result")]
public readonly record struct EntityPruneResult(
    [property: Id(0)] int Dropped,
    [property: Id(1)] bool Hub,
    [property: Id(2)] string Component);

/// <summary>
/// <see cref="Glues"/>: whether links to the entity join components now. <see cref="HubEnded"/>: it was a hub
/// until this call (its old links left the window), so every link it has in the window must now be merged, not
/// only this batch's. <see cref="Accounts"/>: the accounts it links, which places a new hub in the rebuild queue.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.entity-upsert-result")]
public readonly record struct EntityUpsertResult(
    [property: Id(0)] string Component,
    [property: Id(1)] bool NeedsAttach,
    [property: Id(2)] bool Glues,
    [property: Id(3)] bool Hub,
    [property: Id(4)] bool HubEnded = false,
    [property: Id(5)] int Accounts = 0);

/// <summary>An entity as the hub rules see it at a watermark.</summary>
[GenerateSerializer, Immutable, Alias("distill.entity-info")]
public sealed record EntityInfo
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required string Component { get; init; }

    /// <summary>Links to it join components: not a hub and not marked benign.</summary>
    [Id(2)] public bool Glues { get; init; }

    /// <summary>Shared by more accounts within the window than its kind's threshold, or on the allowlist.</summary>
    [Id(3)] public bool Hub { get; init; }

    [Id(4)] public bool Benign { get; init; }
    [Id(5)] public int AccountsInWindow { get; init; }
    [Id(6)] public int Accounts { get; init; }
    [Id(7)] public Assessment? Assessment { get; init; }

    /// <summary>When a hub by count stops being one as the window moves on; null if never.</summary>
    [Id(8)] public DateTime? HubUntil { get; init; }

    /// <summary>
    /// Denied accounts used it, and it is still held at the watermark (<c>Distill:Detection:RememberFor</c>); null
    /// for a hub or a benign identifier, which are shared infrastructure whoever used them.
    /// </summary>
    [Id(9)] public RememberedVerdict? Burned { get; init; }

    /// <summary>Past its hub threshold but judged one operator's, so it glues; null otherwise.</summary>
    [Id(10)] public OperatorJudgement? Owned { get; init; }
}

/// <summary>
/// Why an entity past its hub threshold was judged one operator's: the share of its accounts that share a card
/// or a device with another of them, and how much of the behaviour-in-common score they reach.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.operator-judgement")]
public sealed record OperatorJudgement(
    [property: Id(0)] bool Owned,
    [property: Id(1)] int Accounts,
    [property: Id(2)] double CoSharing,
    [property: Id(3)] double Behaviour);

public enum BenignStatus
{
    /// <summary>Marked benign (it was below the approval threshold, or already benign).</summary>
    Applied,

    /// <summary>Recorded, waiting for a second analyst.</summary>
    PendingApproval,

    /// <summary>The same analyst asked again: it still waits for someone else.</summary>
    AwaitingAnotherAnalyst,

    /// <summary>A second analyst approved the waiting request: marked benign.</summary>
    Approved,
}

/// <summary>The outcome of a benign request; <see cref="Request"/> is the request that waits or was approved.</summary>
[GenerateSerializer, Immutable, Alias("distill.benign-request")]
public sealed record BenignRequest(
    [property: Id(0)] BenignStatus Status,
    [property: Id(1)] AnalystAction? Request);

[GenerateSerializer, Immutable, Alias("distill.entity-snapshot")]
public sealed record EntitySnapshot(
    [property: Id(0)] string Key,
    [property: Id(1)] string Component,
    [property: Id(2)] IReadOnlyList<LinkUpdate> Links)
{
    [Id(3)] public bool Hub { get; init; }
    [Id(4)] public bool Benign { get; init; }
    [Id(5)] public Assessment? Assessment { get; init; }
    [Id(6)] public IReadOnlyList<AnalystAction> Actions { get; init; } = [];
}
