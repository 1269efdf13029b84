using Orleans.Distill.Audit;
using Orleans.Distill.Events;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Queries;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// <c>GET /v1/components/{id}/audit</c>: the audit entries about one component, its member accounts and the
/// identifiers they link to. Analysts may read it: it is the record of the group they are deciding on, and showing
/// a colleague who decided what, and why, is part of the review. The whole log stays admin only.
/// </summary>
public static class ComponentAuditApi
{
    public static IEndpointRouteBuilder MapComponentAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/components/{id}/audit", ListComponentAudit).RequireAuthorization(ApiPolicies.Analyst);
        return app;
    }

    private static async Task<IResult> ListComponentAudit(string id, HttpRequest request, GraphQueries queries, AuditLog audit, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - AuditLog.MaxSpan + TimeSpan.FromSeconds(1);
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

        var view = await queries.GetComponentAsync(id);
        if (view is null)
        {
            return DistillApi.NotFound($"component '{id}' is not known");
        }

        // Entries name their target as the analyst did: a component id (perhaps one that merged in since), an
        // account id, or an identifier's node key.
        var targets = new HashSet<string>(StringComparer.Ordinal) { id, view.Id };
        targets.UnionWith(view.Actions.Select(a => a.Target));
        targets.UnionWith(view.Actions.Select(a => a.Component).OfType<string>());
        targets.UnionWith(view.SplitInto);
        targets.UnionWith(view.Accounts);
        targets.UnionWith(view.Entities);
        targets.UnionWith(view.LinkedHubs.Select(h => h.Key));
        var entries = await audit.ReadAsync(since, until);
        return Results.Ok(entries.Where(e => targets.Contains(e.Target)).ToList());
    }
}
