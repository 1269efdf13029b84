using Orleans.Distill.Graph;

namespace Orleans.Distill.Entities;

[GenerateSerializer, Alias("distill.entity-state")]
public sealed class EntityState
{
    /// <summary>The component this entity is a direct member of; null means its home component.</summary>
    [Id(0)] public string? Component { get; set; }

    /// <summary>Links by account id.</summary>
    [Id(1)] public Dictionary<string, LinkRecord> Links { get; set; } = [];
}
