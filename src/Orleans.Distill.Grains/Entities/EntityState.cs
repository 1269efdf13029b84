using Orleans.Distill.Graph;

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
}
