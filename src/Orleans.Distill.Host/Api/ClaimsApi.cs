using Orleans.Distill.Audit;
using Orleans.Distill.Grains;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Security;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// Claims on queue items: an analyst takes an item so that no one else works it meanwhile. The claimant is the
/// key's name; every claim and release, refused ones included, is in the audit log.
/// </summary>
public static class ClaimsApi
{
    public const string ClaimAction = "claim";
    public const string ReleaseAction = "release_claim";

    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/claims", ListClaims).RequireAuthorization(ApiPolicies.Analyst);
        app.MapPost("/v1/claims", Claim).RequireAuthorization(ApiPolicies.Analyst);
        app.MapPost("/v1/claims/release", Release).RequireAuthorization(ApiPolicies.Analyst);
        return app;
    }

    private static async Task<IResult> ListClaims(IGrainFactory grains) =>
        Results.Ok((await grains.Reference<IReviewClaimsGrain>(0).All()).OrderBy(c => c.At).Select(Model).ToList());

    private static async Task<IResult> Claim(HttpRequest request, IGrainFactory grains, AuditLog audit, TimeProvider clock)
    {
        var (item, who, error) = await ReadAsync(request);
        if (error is not null)
        {
            return error;
        }

        var claim = await grains.Reference<IReviewClaimsGrain>(0).Claim(item!, who, clock.GetUtcNow().UtcDateTime);
        var mine = claim.Who == who;
        await audit.RecordAsync(who, null, ClaimAction, item!, null, mine ? "ok" : $"held_by {claim.Who}");
        return mine
            ? Results.Ok(Model(claim))
            : Results.Json(new ClaimConflictResponse($"{item} is claimed by '{claim.Who}' since {claim.At:O}", "item", Model(claim)), statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Release(HttpRequest request, IGrainFactory grains, AuditLog audit)
    {
        var (item, who, error) = await ReadAsync(request);
        if (error is not null)
        {
            return error;
        }

        // An admin may free an item whose claimant has gone home; an analyst only their own.
        var anyone = request.HttpContext.User.IsInRole(ApiKeyRole.Admin.Name());
        var released = await grains.Reference<IReviewClaimsGrain>(0).Release(item!, who, anyone);
        await audit.RecordAsync(who, null, ReleaseAction, item!, null, released is null ? "not_held" : $"ok: was {released.Who}'s");
        return released is null
            ? Results.NotFound(new ErrorResponse($"{item} is not claimed by '{who}'", "item"))
            : Results.Ok(Model(released));
    }

    private static async Task<(string? Item, string Who, IResult? Error)> ReadAsync(HttpRequest request)
    {
        var who = request.HttpContext.User.Identity?.Name ?? ApiKeyAuthenticationHandler.LoopbackOperator;
        var (body, error) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return (null, who, error);
        }

        var item = body.Required("item", out error);
        if (error is null && item!.Length > 300)
        {
            error = Results.BadRequest(new ErrorResponse("item: a component id or a hub's node key, at most 300 characters", "item"));
        }

        return (item, who, error);
    }

    private static ClaimModel Model(ReviewClaim claim) => new(claim.Item, claim.Who, claim.At);
}

public sealed record ClaimConflictResponse(string Error, string Field, ClaimModel Claim);
