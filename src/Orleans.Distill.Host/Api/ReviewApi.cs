namespace Orleans.Distill.Host.Api;

/// <summary>What reviewing needs beyond the graph's own reads: the queue, claims, members, search and a component's audit.</summary>
public static class ReviewApi
{
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app) => app
        .MapQueueApi()
        .MapClaimsApi()
        .MapMembersApi()
        .MapSearchApi()
        .MapComponentAuditApi();
}
