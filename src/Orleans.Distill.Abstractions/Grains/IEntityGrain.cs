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
    /// <summary>
    /// Merges links from accounts (idempotent) with one storage write. An entity seen for the first time takes
    /// <paramref name="proposedComponent"/> (its first account's component) as its own, so it needs no
    /// component grain of its own; the result then asks the caller to attach it there.
    /// </summary>
    [Alias("Upsert")]
    Task<EntityUpsertResult> Upsert(IReadOnlyList<LinkUpdate> links, string? proposedComponent);

    /// <summary>The caller has attached this entity to its component; no need to ask again.</summary>
    [Alias("ConfirmAttached")]
    Task ConfirmAttached();

    [Alias("Get"), ReadOnly]
    Task<EntitySnapshot?> Get();
}

[GenerateSerializer, Immutable, Alias("distill.entity-upsert-result")]
public readonly record struct EntityUpsertResult(
    [property: Id(0)] string Component,
    [property: Id(1)] bool NeedsAttach);

[GenerateSerializer, Immutable, Alias("distill.entity-snapshot")]
public sealed record EntitySnapshot(
    [property: Id(0)] string Key,
    [property: Id(1)] string Component,
    [property: Id(2)] IReadOnlyList<LinkUpdate> Links);
