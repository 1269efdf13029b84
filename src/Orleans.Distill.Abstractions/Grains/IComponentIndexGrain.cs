using Orleans.Concurrency;
namespace Orleans.Distill.Grains;

/// <summary>
/// One partition of the index of live components with two or more accounts, so that
/// <c>GET /v1/components?top=N</c> does not scan every grain. Keyed by partition number.
/// </summary>
[Alias("distill.IComponentIndexGrain")]
public interface IComponentIndexGrain : IGrainWithIntegerKey
{
    [Alias("Apply")]
    Task Apply(IReadOnlyList<ComponentSummary> upserts, IReadOnlyList<string> removals);

    [Alias("Top"), ReadOnly]
    Task<IReadOnlyList<ComponentSummary>> Top(int count);
}

/// <summary>A component's size as last reported; a higher <see cref="Version"/> always wins.</summary>
[GenerateSerializer, Immutable, Alias("distill.component-summary")]
public sealed record ComponentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] long Accounts,
    [property: Id(2)] long Entities,
    [property: Id(3)] long Version);
