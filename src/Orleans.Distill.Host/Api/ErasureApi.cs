using Orleans.Distill.Actions;
using Orleans.Distill.Audit;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// <c>DELETE /v1/accounts/{id}</c>: a data subject's erasure. The account's personal fields go; what links it to
/// cards, ranges, devices and templates stays as pseudonymous evidence (docs/data-policy.md). Admin only, and on
/// the record: the audit log keeps who erased what and why.
/// </summary>
public static class ErasureApi
{
    /// <summary>What an erasure leaves in place, so the answer says it plainly.</summary>
    private static readonly string[] Kept = ["links", "usage", "labels", "remembered_verdicts", "analyst_actions"];

    public static IEndpointRouteBuilder MapErasureApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/v1/accounts/{account}", EraseAccount).RequireAuthorization(ApiPolicies.Admin);
        return app;
    }

    private static async Task<IResult> EraseAccount(string account, HttpRequest request, AnalystActions actions, ApiKeyStore keys, AuditLog audit)
    {
        if (!Identifiers.IsValidAccount(account))
        {
            return Results.BadRequest(new ErrorResponse("account: must be 1-128 characters of [A-Za-z0-9._:@-]", "account"));
        }

        var why = request.Query["why"].ToString();
        if (string.IsNullOrWhiteSpace(why))
        {
            return Results.BadRequest(new ErrorResponse("why: required, as a query parameter (?why=...)", "why"));
        }

        var who = request.Query["who"].ToString();
        if (!keys.Enabled && string.IsNullOrWhiteSpace(who))
        {
            return Results.BadRequest(new ErrorResponse("who: required without API keys, as a query parameter (?who=...)", "who"));
        }

        var actor = ActionsApi.ActorFor(request.HttpContext, who, keys);

        var erased = await actions.EraseAccountAsync(account, actor, why);
        await audit.RecordAsync(actor.Who, actor.OnBehalfOf, AnalystAction.EraseAccount, account, why,
            erased is not var (_, erasure) ? "not_found" : erasure.Erased.Count == 0 ? "ok: nothing left to erase" : $"ok: {string.Join(", ", erasure.Erased)}");
        return erased is var (action, done)
            ? Results.Ok(new ErasureModel(account, done.Erased, done.ErasedAt, Kept, action))
            : DistillApi.NotFound($"account '{account}' is not known");
    }
}

/// <summary>The fields emptied by this call (none when an earlier erasure had), when the account was first erased, and what stays.</summary>
public sealed record ErasureModel(string Account, IReadOnlyList<string> Erased, DateTime ErasedAt, IReadOnlyList<string> Kept, AnalystAction Action);
