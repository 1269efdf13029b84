using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Telemetry;

namespace Orleans.Distill.Host.Api;

/// <summary>CONTRACT.md section 2: the risk checks a signup flow calls.</summary>
public static class RiskApi
{
    public static IEndpointRouteBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/risk/signup", CheckSignup).RequireAuthorization(ApiPolicies.Risk);
        app.MapPost("/v1/risk/account", CheckAccount).RequireAuthorization(ApiPolicies.Risk);
        return app;
    }

    private static async Task<IResult> CheckSignup(HttpRequest request, RiskQueries risk, IOptions<KeyOptions> keyOptions)
    {
        var deadline = risk.StartDeadline();
        var (body, error) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return error!;
        }

        var keys = keyOptions.Value;
        var ip = body.Required("ip", out error);
        if (error is not null)
        {
            return error;
        }

        if (!IpRangeKey.TryFold(ip!, keys.IPv4PrefixLength, keys.IPv6PrefixLength, out var range, out var ipError))
        {
            return Results.BadRequest(new ErrorResponse($"ip: {ipError}", "ip"));
        }

        var entities = new List<string> { NodeKey.Entity(EntityKind.IpRange, range) };
        foreach (var (field, kind) in new[] { ("instrument", EntityKind.Instrument), ("device", EntityKind.Device) })
        {
            var value = body.String(field, out error);
            if (error is not null)
            {
                return error;
            }

            if (value is null)
            {
                continue;
            }

            if (Identifiers.CheckOpaque(value, keys.MaxOpaqueLength) is { } opaqueError)
            {
                return Results.BadRequest(new ErrorResponse($"{field}: {opaqueError}", field));
            }

            entities.Add(NodeKey.Entity(kind, value));
        }

        // The same limits as in events.
        foreach (var (field, maxLength) in new[] { ("email", keys.MaxOpaqueLength), ("country", 64) })
        {
            if (body.String(field, out error) is { } value && Identifiers.CheckOpaque(value, maxLength) is { } opaqueError)
            {
                return Results.BadRequest(new ErrorResponse($"{field}: {opaqueError}", field));
            }

            if (error is not null)
            {
                return error;
            }
        }

        var started = Stopwatch.GetTimestamp();
        var view = await risk.CheckSignupAsync(new SignupCheck(entities), deadline);
        Record("signup", view, started);
        return Results.Ok(RiskModel.Of(view, view.Components));
    }

    private static async Task<IResult> CheckAccount(HttpRequest request, RiskQueries risk)
    {
        var deadline = risk.StartDeadline();
        var (body, error) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return error!;
        }

        var account = body.Required("account", out error);
        if (error is not null)
        {
            return error;
        }

        if (!Identifiers.IsValidAccount(account))
        {
            return Results.BadRequest(new ErrorResponse("account: must be 1-128 characters of [A-Za-z0-9._:@-]", "account"));
        }

        var started = Stopwatch.GetTimestamp();
        var view = await risk.CheckAccountAsync(account!, deadline);
        if (view is null)
        {
            return DistillApi.NotFound($"account '{account}' is not known");
        }

        Record("account", view, started);
        return Results.Ok(RiskModel.Of(view));
    }

    private static void Record(string check, RiskView view, long started)
    {
        var tags = new TagList
        {
            { "check", check },
            { "decision", view.Assessment.Decision.ToString().ToLowerInvariant() },
            { "degraded", view.Degraded },
        };
        DistillTelemetry.RiskChecks.Add(1, tags);
        DistillTelemetry.RiskCheckDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
    }
}
