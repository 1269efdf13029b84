using Orleans.Concurrency;
using Orleans.Distill.Graph;

namespace Orleans.Distill.Grains;

/// <summary>
/// A shared thing accounts link to (payment instrument, IP range, device, prompt template),
/// keyed by its node key, <c>kind:value</c>.
/// </summary>
[Alias("distill.IEntityGrain")]
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>Merges links from accounts (idempotent) with one storage write; returns the entity's component pointer.</summary>
    [Alias("Upsert")]
    Task<string> Upsert(IReadOnlyList<LinkUpdate> links);

    [Alias("Get"), ReadOnly]
    Task<EntitySnapshot?> Get();
}

[GenerateSerializer, Immutable, Alias("distill.entity-snapshot")]
public sealed record EntitySnapshot(
    [property: Id(0)] string Key,
    [property: Id(1)] string Component,
    [property: Id(2)] IReadOnlyList<LinkUpdate> Links);
