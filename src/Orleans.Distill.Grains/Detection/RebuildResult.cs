using Orleans.Distill.Components;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Detection;

/// <summary>
/// What a rebuild tells the index: <see cref="Outcomes"/> settle entries (the rebuilt one, new pieces of a
/// split); <see cref="Touches"/> mark components the rebuild merged as changed, to be rebuilt in turn.
/// </summary>
public sealed record RebuildResult(IReadOnlyList<RebuildOutcome> Outcomes, IReadOnlyList<IndexTouch> Touches)
{
    public static readonly RebuildResult None = new([], []);

    public static RebuildResult Remove(RebuildTicket ticket) => new([new(ticket.Id, ticket.Sequence, null)], []);

    /// <summary>Index touches for the roots a union left, and removals for those it absorbed.</summary>
    public static RebuildResult Merged(UnionOutcome union) => new(
        [.. union.Absorbed.Select(a => new RebuildOutcome(a, long.MaxValue, null))],
        [.. union.Roots.Select(n => new IndexTouch(n.Id, false, n.Aggregate.Accounts, n.Aggregate.Entities, n.Version))]);

    public RebuildResult With(RebuildResult other) => new([.. Outcomes, .. other.Outcomes], [.. Touches, .. other.Touches]);
}
