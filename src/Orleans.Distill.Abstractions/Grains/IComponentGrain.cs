using Orleans.Concurrency;
using Orleans.Distill.Actions;
using Orleans.Distill.Graph;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Grains;

/// <summary>
/// A node of the union-find forest whose trees are the graph's connected components. Every call a component grain
/// makes to another goes from a lower id to a higher one (its parent), so the calls can never form a cycle; a
/// retired root names the pieces it split into and leaves calling them to the caller outside the grains.
/// A root that splits is frozen, hands its members to new components and retires: a retired component still
/// answers, for each of its old members, which component it went to.
/// </summary>
[Alias("distill.IComponentGrain")]
public interface IComponentGrain : IGrainWithStringKey
{
    /// <summary>
    /// The root of the tree <paramref name="member"/> belongs to, starting from this component (the member's
    /// pointer). A component not yet created is founded with <paramref name="member"/> as its member: a node's
    /// home, or a fresh component for a node placed anew.
    /// </summary>
    [Alias("Resolve")]
    Task<Resolution> Resolve(string? member);

    /// <summary>
    /// First half of a join, called on a root: record <paramref name="target"/> (a higher id) as parent, with the
    /// join pending, and hand back this tree's totals for the target to adopt.
    /// </summary>
    [Alias("PrepareJoin")]
    Task<JoinTicket> PrepareJoin(string target);

    /// <summary>
    /// Second half: take in joining roots (one write however many). Children already adopted here are done;
    /// if this is no longer a root the rest are handed back with the parent to try next. Idempotent along the walk.
    /// </summary>
    [Alias("Adopt")]
    Task<HandOffResult<Adoption>> Adopt(IReadOnlyList<Adoption> children);

    /// <summary>A joiner whose target retired before adopting it becomes a root again, to be merged afresh.</summary>
    [Alias("AbandonJoin")]
    Task AbandonJoin(string target);

    /// <summary>
    /// Records new graph nodes as direct members. Members this component already holds are done; the rest are
    /// taken in if this is a root, else handed back with the parent to try next. Idempotent along the same walk.
    /// </summary>
    [Alias("Attach")]
    Task<HandOffResult<string>> Attach(IReadOnlyList<string> members);

    /// <summary>Keeps an analyst's action at the root, where every member's view shows it.</summary>
    [Alias("Record")]
    Task<HandOffResult<AnalystAction>> Record(IReadOnlyList<AnalystAction> actions);

    /// <summary>Stores a rebuild's score at the root; false if this is no longer a live root.</summary>
    [Alias("SetAssessment")]
    Task<bool> SetAssessment(ComponentAssessment assessment);

    /// <summary>
    /// Stops a root from changing so it can be split: joins, adoptions and attaches are told to wait.
    /// False if this is not a live root.
    /// </summary>
    [Alias("Freeze")]
    Task<bool> Freeze();

    /// <summary>Lifts a freeze that found nothing to split.</summary>
    [Alias("Thaw")]
    Task Thaw();

    /// <summary>
    /// Records, before any of it happens, which new component each member goes to. Returns the plan in force:
    /// the one already recorded, if another rebuild got there first.
    /// </summary>
    [Alias("PlanSplit")]
    Task<IReadOnlyList<SplitPiece>> PlanSplit(IReadOnlyList<SplitPiece> pieces);

    /// <summary>Creates this component as one piece of a split (idempotent).</summary>
    [Alias("Found")]
    Task Found(Founding founding);

    /// <summary>The split is done: retire, answering old members with where they went.</summary>
    [Alias("CompleteSplit")]
    Task CompleteSplit();

    /// <summary>The whole node, members and children included: for walking a component.</summary>
    [Alias("GetNode"), ReadOnly]
    Task<ComponentNode> GetNode();

    /// <summary>The node without its member and child lists, which a large root would copy for nothing.</summary>
    [Alias("GetSummary"), ReadOnly]
    Task<ComponentNode> GetSummary();
}

/// <summary>
/// <see cref="Root"/> is null when the member is not in the tree (its pointer is stale and it must be placed
/// anew). <see cref="ViaSplit"/>: the path passed a split, so other members of the same pointer may have gone
/// elsewhere and must be resolved one by one. <see cref="Next"/>: the walk reached a retired root, which names the
/// piece the member went to; the caller resolves on from there (a grain never calls a piece, whose id may be lower).
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.resolution")]
public readonly record struct Resolution([property: Id(0)] string? Root, [property: Id(1)] bool ViaSplit, [property: Id(2)] string? Next = null);

public enum HandOffStatus : byte
{
    Done = 0,
    Redirect = 1,

    /// <summary>The root is frozen for a split: try again shortly.</summary>
    Busy = 2,

    /// <summary>The tree has split and retired: resolve the nodes again.</summary>
    Retired = 3,
}

/// <summary><see cref="Adoption"/> is set when <see cref="Status"/> is Done: the join is prepared.</summary>
[GenerateSerializer, Immutable, Alias("distill.join-ticket")]
public sealed record JoinTicket(
    [property: Id(0)] HandOffStatus Status,
    [property: Id(1)] Adoption? Adoption);

[GenerateSerializer, Immutable, Alias("distill.adoption")]
public sealed record Adoption(
    [property: Id(0)] string Child,
    [property: Id(1)] ComponentAggregate Aggregate,
    [property: Id(2)] IReadOnlyList<AnalystAction> Actions);

/// <summary>
/// The answer to handing items (members to attach, roots to adopt) to a component: all taken, or the ones it
/// did not take and the parent to hand them to next, or wait, or start again.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.hand-off-result`1")]
public sealed record HandOffResult<T>(
    [property: Id(0)] HandOffStatus Status,
    [property: Id(1)] string? Redirect,
    [property: Id(2)] IReadOnlyList<T> Remaining)
{
    public static readonly HandOffResult<T> Done = new(HandOffStatus.Done, null, []);
}

/// <summary>A component's score and features as its last rebuild found them.</summary>
[GenerateSerializer, Immutable, Alias("distill.component-assessment")]
public sealed record ComponentAssessment
{
    [Id(0)] public required Assessment Assessment { get; init; }
    [Id(1)] public required GroupFeatures Features { get; init; }

    /// <summary>When the first of its gluing links leaves the window (it must be rebuilt then); null if never.</summary>
    [Id(2)] public DateTime? ExpiresAt { get; init; }

    /// <summary>The root's version the rebuild read.</summary>
    [Id(3)] public long Version { get; init; }

    /// <summary>
    /// Accounts (node keys) whose own decision differs from the component's: those tied to its evidence only
    /// weakly (see <c>CoreDecisions</c>). Every other account takes <see cref="Assessment"/>.
    /// </summary>
    [Id(4)] public IReadOnlyDictionary<string, Assessment>? Accounts { get; init; }

    /// <summary>
    /// The worst decision any of its accounts gets: what the index ranks and lists it by, so that a ring inside
    /// a component that households' ranges make look ordinary is still reviewed.
    /// </summary>
    public Assessment Worst() =>
        Accounts is null ? Assessment : Accounts.Values.Aggregate(Assessment, Scoring.Assessment.Max);

    /// <summary>An account's own assessment: its entry in <see cref="Accounts"/>, else the component's.</summary>
    public Assessment Of(string accountNode) =>
        Accounts is not null && Accounts.TryGetValue(accountNode, out var own) ? own : Assessment;
}

[GenerateSerializer, Immutable, Alias("distill.split-piece")]
public sealed record SplitPiece([property: Id(0)] string Id, [property: Id(1)] IReadOnlyList<string> Members);

[GenerateSerializer, Immutable, Alias("distill.founding")]
public sealed record Founding(
    [property: Id(0)] IReadOnlyList<string> Members,
    [property: Id(1)] ComponentAssessment Assessment,
    [property: Id(2)] IReadOnlyList<AnalystAction> Actions,
    [property: Id(3)] string SplitFrom);

[GenerateSerializer, Immutable, Alias("distill.component-node")]
public sealed record ComponentNode
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public bool Exists { get; init; }
    [Id(2)] public string? Parent { get; init; }
    [Id(3)] public IReadOnlyList<string> Members { get; init; } = [];
    [Id(4)] public IReadOnlyList<string> Children { get; init; } = [];
    [Id(5)] public ComponentAggregate Aggregate { get; init; } = new();
    [Id(6)] public long Version { get; init; }
    [Id(7)] public bool Frozen { get; init; }
    [Id(8)] public bool Retired { get; init; }

    /// <summary>The components a retired component split into.</summary>
    [Id(9)] public IReadOnlyList<string> SplitInto { get; init; } = [];

    [Id(10)] public ComponentAssessment? Assessment { get; init; }
    [Id(11)] public IReadOnlyList<AnalystAction> Actions { get; init; } = [];

    /// <summary>A split planned but not finished (the silo stopped mid-split): the rebuild finishes it.</summary>
    [Id(12)] public IReadOnlyList<SplitPiece> PlannedSplit { get; init; } = [];

    public bool IsRoot => Parent is null && !Retired;
}
