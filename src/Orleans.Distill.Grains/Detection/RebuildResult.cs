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

    public RebuildResult With(RebuildResult other) => new([.. Outcomes, .. other.Outcomes], [.. Touches, .. other.Touches]);
}
