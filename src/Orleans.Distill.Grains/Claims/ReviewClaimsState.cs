using Orleans.Distill.Grains;

namespace Orleans.Distill.Claims;

[GenerateSerializer, Alias("distill.review-claims-state")]
public sealed class ReviewClaimsState
{
    /// <summary>Claims by queue item.</summary>
    [Id(0)] public Dictionary<string, ReviewClaim> Claims { get; set; } = [];
}
