using Orleans.Distill.Actions;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Entities;

[GenerateSerializer, Alias("distill.entity-state")]
public sealed class EntityState
{
    /// <summary>The component this entity is a direct member of; null means its home component.</summary>
    [Id(0)] public string? Component { get; set; }

    /// <summary>Links by account id.</summary>
    [Id(1)] public Dictionary<string, LinkRecord> Links { get; set; } = [];

    /// <summary>
    /// Set when the entity took its first account's component: until the attach is confirmed it is re-driven
    /// (attaching is idempotent). Cleared in memory only, like a component's pending join.
    /// </summary>
    [Id(2)] public bool AttachPending { get; set; }

    /// <summary>Whether the hub rules made this a hub when they last ran; a change means components must be rebuilt.</summary>
    [Id(3)] public bool Hub { get; set; }

    [Id(4)] public bool Benign { get; set; }

    /// <summary>The score of a hub's accounts, from its last rebuild.</summary>
    [Id(5)] public Assessment? Assessment { get; set; }

    [Id(6)] public List<AnalystAction> Actions { get; set; } = [];

    /// <summary>The worst verdict on accounts that used it as a member of a denied component.</summary>
    [Id(7)] public RememberedVerdict? Burned { get; set; }

    /// <summary>A benign mark waiting for a second analyst's approval.</summary>
    [Id(8)] public AnalystAction? PendingBenign { get; set; }

    /// <summary>
    /// Past its hub threshold, but its accounts look like one operator's (<c>HubOwnership</c>): it glues as any
    /// identifier of a ring does, however many accounts it links.
    /// </summary>
    [Id(9)] public OperatorJudgement? Owned { get; set; }
}
