using Orleans.Distill.Audit;
using Orleans.Distill.Events;
using Orleans.Distill.Host.Security;

namespace Orleans.Distill.Host.Api;

/// <summary><c>GET /v1/audit</c>: what analysts and admins did, in order. Admin only.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/audit", ListAudit).RequireAuthorization(ApiPolicies.Admin);
        return app;
    }

    private static async Task<IResult> ListAudit(HttpRequest request, AuditLog audit, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-1);
        if (request.Query.TryGetValue("since", out var sinceText) && !EventParser.TryParseTime(sinceText.ToString(), out since))
        {
            return Results.BadRequest(new ErrorResponse("since: not an RFC 3339 time (e.g. 2026-04-22T10:00:00Z)", "since"));
        }

        var until = now.AddSeconds(1);
        if (request.Query.TryGetValue("until", out var untilText) && !EventParser.TryParseTime(untilText.ToString(), out until))
        {
            return Results.BadRequest(new ErrorResponse("until: not an RFC 3339 time (e.g. 2026-04-22T10:00:00Z)", "until"));
        }

        if (until - since > AuditLog.MaxSpan || until < since)
        {
            return Results.BadRequest(new ErrorResponse($"since: at most {AuditLog.MaxSpan.TotalDays:0} days before until, and not after it", "since"));
        }

        return Results.Ok(await audit.ReadAsync(since, until));
    }
}
