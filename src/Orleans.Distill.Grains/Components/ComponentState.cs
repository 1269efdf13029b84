using Orleans.Distill.Actions;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Components;

[GenerateSerializer, Alias("distill.component-state")]
public sealed class ComponentState
{
    [Id(0)] public bool Initialized { get; set; }

    /// <summary>The component this one joined (always a higher id); null at a root. Never changes once adopted.</summary>
    [Id(1)] public string? Parent { get; set; }

    /// <summary>
    /// Set with <see cref="Parent"/> before the parent has confirmed the adoption. While it is set, the join is
    /// re-driven on activation: adoption is idempotent, so re-driving after a crash cannot count anything twice.
    /// </summary>
    [Id(2)] public bool Pending { get; set; }

    /// <summary>Graph nodes (node keys) that are direct members of this component.</summary>
    [Id(3)] public HashSet<string> Members { get; set; } = [];

    /// <summary>Components adopted into this one; with <see cref="Members"/> they enumerate the tree.</summary>
    [Id(4)] public HashSet<string> Children { get; set; } = [];

    /// <summary>Totals over this component's whole tree; current only at a root.</summary>
    [Id(5)] public ComponentAggregate Aggregate { get; set; } = new();

    /// <summary>Bumped at every change of a root, so index updates that arrive out of order cannot regress.</summary>
    [Id(6)] public long Version { get; set; }

    /// <summary>A root being split: it takes in nothing until the split is done.</summary>
    [Id(7)] public bool Frozen { get; set; }

    /// <summary>The split is done; this component answers only where its old members went.</summary>
    [Id(8)] public bool Retired { get; set; }

    /// <summary>At a split root: the new component of every member of the old tree. Written before the split starts.</summary>
    [Id(9)] public Dictionary<string, string> Successors { get; set; } = [];

    [Id(10)] public List<SplitPiece> PlannedSplit { get; set; } = [];

    [Id(11)] public ComponentAssessment? Assessment { get; set; }

    /// <summary>Analyst actions on this component or its members, kept through merges and splits.</summary>
    [Id(12)] public List<AnalystAction> Actions { get; set; } = [];
}
