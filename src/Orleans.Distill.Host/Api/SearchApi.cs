using Microsoft.Extensions.Options;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// <c>POST /v1/search</c>: which component holds an account, an IP address, a card token, a device or a template. A
/// POST, not a GET, so that the identifier is not written into URLs and request logs.
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/search", Search).RequireAuthorization(ApiPolicies.Analyst);
        return app;
    }

    private static async Task<IResult> Search(HttpRequest request, ReviewLookups lookups, IOptions<KeyOptions> keys)
    {
        var (body, error) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return error!;
        }

        // JsonBody refuses a card number in any field, so a pasted card number is never looked up nor echoed.
        var query = body.Required("q", out error)?.Trim();
        var kindName = body.String("kind", out var kindError);
        if ((error ?? kindError) is { } invalid)
        {
            return invalid;
        }

        if (Identifiers.CheckOpaque(query!, keys.Value.MaxOpaqueLength) is { } problem)
        {
            return Results.BadRequest(new ErrorResponse($"q: {problem}", "q"));
        }

        EntityKind? kind = null;
        if (!string.IsNullOrEmpty(kindName))
        {
            if (!EntityKinds.TryParse(kindName, out var parsed))
            {
                return Results.BadRequest(new ErrorResponse("kind: must be account, instrument, ip_range, device or template", "kind"));
            }

            kind = parsed;
        }

        var matches = await lookups.SearchAsync(query!, kind, keys.Value);
        return Results.Ok(new SearchResponse(query!, [.. matches.Select(m => new SearchMatchModel(
            m.Kind.Name(), m.Value, m.Component, m.Hub, m.Benign, m.Accounts, m.Listed)
        {
            AccountComponents = m.Component is null ? [.. m.AccountComponents.Select(c => new ComponentShareModel(c.Component, c.Accounts))] : null,
        })]));
    }
}
