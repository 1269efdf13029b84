namespace Orleans.Distill.Host.Api;

/// <summary>What reviewing needs beyond the graph's own reads: the queue, claims, members, search, a component's audit and the cluster's status.</summary>
public static class ReviewApi
{
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app) => app
        .MapQueueApi()
        .MapClaimsApi()
        .MapMembersApi()
        .MapSearchApi()
        .MapComponentAuditApi()
        .MapClusterStatusApi();
}
