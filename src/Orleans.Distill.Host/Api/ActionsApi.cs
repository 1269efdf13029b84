using Microsoft.Extensions.Options;
using Orleans.Distill.Actions;
using Orleans.Distill.Events;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// Analyst actions. Each takes <c>who</c> and <c>why</c> and answers with the action as recorded: its id, when
/// it was taken and the component it was applied to.
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

    private static async Task<IResult> LabelAccount(string account, HttpRequest request, AnalystActions actions)
    {
        if (!Identifiers.IsValidAccount(account))
        {
            return Results.BadRequest(new ErrorResponse("account: must be 1-128 characters of [A-Za-z0-9._:@-]", "account"));
        }

        var (label, error) = await ReadLabelAsync(request);
        if (label is null)
        {
            return error!;
        }

        var action = await actions.LabelAccountAsync(account, label.Value.Verdict, label.Value.Who, label.Value.Why);
        return action is null ? DistillApi.NotFound($"account '{account}' is not known") : Results.Ok(action);
    }

    private static async Task<IResult> ClearAccount(string account, HttpRequest request, AnalystActions actions)
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

        var (who, why) = (body.Required("who", out var whoError), body.Required("why", out var whyError));
        if ((whoError ?? whyError) is { } missing)
        {
            return missing;
        }

        var action = await actions.ClearAccountAsync(account, who!, why!);
        return action is null ? DistillApi.NotFound($"account '{account}' is not known") : Results.Ok(action);
    }

    private static async Task<IResult> LabelComponent(string id, HttpRequest request, AnalystActions actions)
    {
        var (label, error) = await ReadLabelAsync(request);
        if (label is null)
        {
            return error!;
        }

        try
        {
            var action = await actions.LabelComponentAsync(id, label.Value.Verdict, label.Value.Who, label.Value.Why);
            return action is null ? DistillApi.NotFound($"component '{id}' is not known") : Results.Ok(action);
        }
        catch (ComponentSplitException e)
        {
            return DistillApi.Split(id, e.SplitInto, StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> MarkEntityBenign(HttpRequest request, AnalystActions actions, IOptions<KeyOptions> keys)
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
        var (who, why) = (body.Required("who", out var whoError), body.Required("why", out var whyError));
        if ((error ?? whoError ?? whyError) is { } missing)
        {
            return missing;
        }

        // An address names the range it folds to, as it does in events; a range is taken as it is written.
        if (kind == EntityKind.IpRange && !entity!.Contains('/'))
        {
            if (!IpRangeKey.TryFold(entity, keys.Value.IPv4PrefixLength, keys.Value.IPv6PrefixLength, out var range, out var ipError))
            {
                return Results.BadRequest(new ErrorResponse($"entity: {ipError}", "entity"));
            }

            entity = range;
        }

        var action = await actions.MarkEntityBenignAsync(NodeKey.Entity(kind, entity!), who!, why!);
        return action is null ? DistillApi.NotFound($"{kindName} '{entity}' is not known") : Results.Ok(action);
    }

    private static async Task<((Verdict Verdict, string Who, string Why)? Label, IResult? Error)> ReadLabelAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return (null, error);
        }

        var verdict = body.Required("verdict", out error);
        var who = body.Required("who", out var whoError);
        var why = body.Required("why", out var whyError);
        if ((error ?? whoError ?? whyError) is { } missing)
        {
            return (null, missing);
        }

        return verdict switch
        {
            "fraud" => ((Verdict.Fraud, who!, why!), null),
            "benign" => ((Verdict.Benign, who!, why!), null),
            _ => (null, Results.BadRequest(new ErrorResponse("verdict: must be fraud or benign", "verdict"))),
        };
    }
}
