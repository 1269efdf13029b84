using Microsoft.Extensions.Options;
using Orleans.Distill.Actions;
using Orleans.Distill.Audit;
using Orleans.Distill.Events;
using Orleans.Distill.Grains;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// Analyst actions. Each takes <c>why</c> (and, without keys, <c>who</c>) and answers with the action as recorded:
/// its id, who took it, when, and the component it was applied to.
/// </summary>
public static class ActionsApi
{
    public static IEndpointRouteBuilder MapActionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/accounts/{account}/label", LabelAccount).RequireAuthorization(ApiPolicies.Analyst);
        app.MapPost("/v1/components/{id}/label", LabelComponent).RequireAuthorization(ApiPolicies.Analyst);
        app.MapPost("/v1/accounts/{account}/clear", ClearAccount).RequireAuthorization(ApiPolicies.Analyst);
        app.MapPost("/v1/entities/benign", MarkEntityBenign).RequireAuthorization(ApiPolicies.Analyst);
        return app;
    }

    private static async Task<IResult> LabelAccount(string account, HttpRequest request, AnalystActions actions, ApiKeyStore keys, AuditLog audit)
    {
        if (!Identifiers.IsValidAccount(account))
        {
            return Results.BadRequest(new ErrorResponse("account: must be 1-128 characters of [A-Za-z0-9._:@-]", "account"));
        }

        var (label, error) = await ReadLabelAsync(request, keys);
        if (label is null)
        {
            return error!;
        }

        var action = await actions.LabelAccountAsync(account, label.Value.Verdict, label.Value.Actor, label.Value.Why);
        await RecordAsync(audit, label.Value.Actor, $"{AnalystAction.LabelAccount}:{label.Value.Verdict.ToString().ToLowerInvariant()}", account, label.Value.Why, action is null ? "not_found" : "ok");
        return action is null ? DistillApi.NotFound($"account '{account}' is not known") : Results.Ok(action);
    }

    private static async Task<IResult> ClearAccount(string account, HttpRequest request, AnalystActions actions, ApiKeyStore keys, AuditLog audit)
    {
        if (!Identifiers.IsValidAccount(account))
        {
            return Results.BadRequest(new ErrorResponse("account: must be 1-128 characters of [A-Za-z0-9._:@-]", "account"));
        }

        var (body, error) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return error!;
        }

        var (actor, why) = (ActorOf(request.HttpContext, body, keys, out var whoError), body.Required("why", out var whyError));
        if ((whoError ?? whyError) is { } missing)
        {
            return missing;
        }

        var action = await actions.ClearAccountAsync(account, actor!, why!);
        await RecordAsync(audit, actor!, AnalystAction.ClearAccount, account, why, action is null ? "not_found" : "ok");
        return action is null ? DistillApi.NotFound($"account '{account}' is not known") : Results.Ok(action);
    }

    private static async Task<IResult> LabelComponent(string id, HttpRequest request, AnalystActions actions, ApiKeyStore keys, AuditLog audit)
    {
        var (label, error) = await ReadLabelAsync(request, keys);
        if (label is null)
        {
            return error!;
        }

        var what = $"{AnalystAction.LabelComponent}:{label.Value.Verdict.ToString().ToLowerInvariant()}";
        try
        {
            var action = await actions.LabelComponentAsync(id, label.Value.Verdict, label.Value.Actor, label.Value.Why);
            await RecordAsync(audit, label.Value.Actor, what, id, label.Value.Why, action is null ? "not_found" : $"ok: {action.Accounts} accounts");
            return action is null ? DistillApi.NotFound($"component '{id}' is not known") : Results.Ok(action);
        }
        catch (ComponentSplitException e)
        {
            await RecordAsync(audit, label.Value.Actor, what, id, label.Value.Why, "split");
            return DistillApi.Split(id, e.SplitInto, StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> MarkEntityBenign(
        HttpRequest request, AnalystActions actions, IOptions<KeyOptions> keyOptions, IOptions<AuthOptions> auth, ApiKeyStore keys, AuditLog audit)
    {
        var (body, error) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return error!;
        }

        var kindName = body.Required("kind", out error);
        if (error is not null)
        {
            return error;
        }

        if (!EntityKinds.TryParse(kindName, out var kind) || kind == EntityKind.Account)
        {
            return Results.BadRequest(new ErrorResponse("kind: must be instrument, ip_range, device or template", "kind"));
        }

        var entity = body.Required("entity", out error);
        var (actor, why) = (ActorOf(request.HttpContext, body, keys, out var whoError), body.Required("why", out var whyError));
        if ((error ?? whoError ?? whyError) is { } missing)
        {
            return missing;
        }

        // An address names the range it folds to, as it does in events; a range is taken as it is written.
        if (kind == EntityKind.IpRange && !entity!.Contains('/'))
        {
            if (!IpRangeKey.TryFold(entity, keyOptions.Value.IPv4PrefixLength, keyOptions.Value.IPv6PrefixLength, out var range, out var ipError))
            {
                return Results.BadRequest(new ErrorResponse($"entity: {ipError}", "entity"));
            }

            entity = range;
        }

        var target = NodeKey.Entity(kind, entity!);
        var marked = await actions.MarkEntityBenignAsync(target, actor!, why!, auth.Value.BenignApprovalAccounts);
        if (marked is not var (action, outcome))
        {
            await RecordAsync(audit, actor!, AnalystAction.MarkEntityBenign, target, why, "not_found");
            return DistillApi.NotFound($"{kindName} '{entity}' is not known");
        }

        var result = outcome.Status switch
        {
            BenignStatus.PendingApproval => "pending_approval",
            BenignStatus.AwaitingAnotherAnalyst => "awaiting_another_analyst",
            BenignStatus.Approved => $"approved the request of {outcome.Request!.Who}",
            _ => "ok",
        };
        await RecordAsync(audit, actor!, AnalystAction.MarkEntityBenign, target, why, result);
        return outcome.Status switch
        {
            BenignStatus.PendingApproval => Results.Json(
                new BenignPendingModel($"{target} is linked to more than {auth.Value.BenignApprovalAccounts} accounts: the mark takes effect when another analyst marks it too", action),
                statusCode: StatusCodes.Status202Accepted),
            BenignStatus.AwaitingAnotherAnalyst => Results.Json(
                new ErrorResponse($"{target} waits for an analyst other than '{outcome.Request!.Who}' to approve the mark", "who"),
                statusCode: StatusCodes.Status409Conflict),
            _ => Results.Ok(action),
        };
    }

    private static Task RecordAsync(AuditLog audit, Actor actor, string what, string target, string? why, string result) =>
        audit.RecordAsync(actor.Who, actor.OnBehalfOf, what, target, why, result);

    private static async Task<((Verdict Verdict, Actor Actor, string Why)? Label, IResult? Error)> ReadLabelAsync(HttpRequest request, ApiKeyStore keys)
    {
        var (body, error) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return (null, error);
        }

        var verdict = body.Required("verdict", out error);
        var actor = ActorOf(request.HttpContext, body, keys, out var whoError);
        var why = body.Required("why", out var whyError);
        if ((error ?? whoError ?? whyError) is { } missing)
        {
            return (null, missing);
        }

        return verdict switch
        {
            "fraud" => ((Verdict.Fraud, actor!, why!), null),
            "benign" => ((Verdict.Benign, actor!, why!), null),
            _ => (null, Results.BadRequest(new ErrorResponse("verdict: must be fraud or benign", "verdict"))),
        };
    }

    /// <summary>
    /// With keys, who acted is the key's name, and a <c>who</c> in the body is only kept as on whose behalf; without
    /// keys (loopback only) the body's <c>who</c> is all there is, and it is required.
    /// </summary>
    private static Actor? ActorOf(HttpContext context, JsonBody body, ApiKeyStore keys, out IResult? error)
    {
        var claimed = keys.Enabled ? body.String("who", out error) : body.Required("who", out error);
        return error is null ? ActorFor(context, claimed, keys) : null;
    }

    /// <summary>
    /// Who acted, given the <c>who</c> the caller wrote: the key's name, with the claim kept as on whose behalf; or,
    /// without keys, the claim itself, which the caller has checked is there.
    /// </summary>
    internal static Actor ActorFor(HttpContext context, string? claimed, ApiKeyStore keys)
    {
        if (!keys.Enabled)
        {
            return new Actor(claimed!);
        }

        var name = context.User.Identity?.Name!;
        return new Actor(name, string.IsNullOrWhiteSpace(claimed) || claimed == name ? null : claimed);
    }
}
