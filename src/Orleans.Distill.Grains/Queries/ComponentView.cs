using Orleans.Distill.Actions;
using Orleans.Distill.Graph;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// A whole component as an analyst sees it: its root id, totals, score and every member (node keys), with the
/// hubs its accounts link to. <see cref="SplitInto"/> is set instead when the component named has split.
/// </summary>
public sealed record ComponentView(
    string Id,
    ComponentAggregate Aggregate,
    Assessment Assessment,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Entities,
    IReadOnlyList<AnalystAction> Actions)
{
    /// <summary>Hubs and benign entities the members link to: they glue nothing, so are not members.</summary>
    public IReadOnlyList<EntityRef> LinkedHubs { get; init; } = [];

    public IReadOnlyList<string> SplitInto { get; init; } = [];
}

/// <summary>An entity in an answer: its node key and whether it is a hub (or marked benign), so glues nothing.</summary>
public sealed record EntityRef(string Key, bool Hub, bool Benign);
