using Orleans.Concurrency;
using Orleans.Distill.Graph;

namespace Orleans.Distill.Grains;

/// <summary>
/// A node of the union-find forest whose trees are the graph's connected components. Every call between
/// component grains goes from a lower id to a higher one, so the calls can never form a cycle.
/// </summary>
[Alias("distill.IComponentGrain")]
public interface IComponentGrain : IGrainWithStringKey
{
    /// <summary>
    /// The id of the root of this tree. <paramref name="memberHint"/> is the node whose home this component is:
    /// a home component learns its member on first use.
    /// </summary>
    [Alias("Resolve")]
    Task<string> Resolve(string? memberHint);

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

    /// <summary>
    /// Records new graph nodes as direct members. Members this component already holds are done; the rest are
    /// taken in if this is a root, else handed back with the parent to try next. Idempotent along the same walk.
    /// </summary>
    [Alias("Attach")]
    Task<HandOffResult<string>> Attach(IReadOnlyList<string> members);

    /// <summary>The whole node, members and children included: for walking a component.</summary>
    [Alias("GetNode"), ReadOnly]
    Task<ComponentNode> GetNode();

    /// <summary>The node without its member and child lists, which a large root would copy for nothing.</summary>
    [Alias("GetSummary"), ReadOnly]
    Task<ComponentNode> GetSummary();
}

/// <summary><see cref="Prepared"/> false means this component was no longer a root: resolve again and retry.</summary>
[GenerateSerializer, Immutable, Alias("distill.join-ticket")]
public sealed record JoinTicket(
    [property: Id(0)] bool Prepared,
    [property: Id(1)] Adoption? Adoption);

[GenerateSerializer, Immutable, Alias("distill.adoption")]
public sealed record Adoption([property: Id(0)] string Child, [property: Id(1)] ComponentAggregate Aggregate);

/// <summary>
/// The answer to handing items (members to attach, roots to adopt) to a component: all taken, or the ones it
/// did not take and the parent to hand them to next.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.hand-off-result`1")]
public sealed record HandOffResult<T>(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Redirect,
    [property: Id(2)] IReadOnlyList<T> Remaining)
{
    public static readonly HandOffResult<T> Done = new(true, null, []);
}

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

    public bool IsRoot => Parent is null;
}
