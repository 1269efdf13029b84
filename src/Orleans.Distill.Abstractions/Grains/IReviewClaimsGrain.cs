using Orleans.Concurrency;

namespace Orleans.Distill.Grains;

/// <summary>
/// Who is reviewing which queue item, so two analysts do not work the same ring. One grain (key 0) holds every
/// claim: claims are made by people, a few a minute, and the queue reads them all at once.
/// </summary>
[Alias("distill.IReviewClaimsGrain")]
public interface IReviewClaimsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Claims <paramref name="item"/> for <paramref name="who"/>; answers the claim that holds afterwards, which is
    /// someone else's when another analyst claimed it first.
    /// </summary>
    [Alias("Claim")]
    Task<ReviewClaim> Claim(string item, string who, DateTime at);

    /// <summary>Drops the claim on <paramref name="item"/> if <paramref name="who"/> holds it (or <paramref name="anyone"/>); answers the claim dropped.</summary>
    [Alias("Release")]
    Task<ReviewClaim?> Release(string item, string who, bool anyone);

    [Alias("All"), ReadOnly]
    Task<IReadOnlyList<ReviewClaim>> All();
}

/// <summary>A queue item (component id or hub node key) claimed by <see cref="Who"/> (a key's name) at <see cref="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("distill.review-claim")]
public sealed record ReviewClaim(
    [property: Id(0)] string Item,
    [property: Id(1)] string Who,
    [property: Id(2)] DateTime At);
