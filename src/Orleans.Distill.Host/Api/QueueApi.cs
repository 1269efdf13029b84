using Orleans.Distill.Actions;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// <c>GET /v1/queue</c>: flagged components and hubs, worst first, for analysts to work through. Items an analyst
/// already decided are left out unless asked for, so the queue moves on after each decision.
/// </summary>
public static class QueueApi
{
    /// <summary>Reasons listed per item: the queue shows the top few; the component's page shows them all.</summary>
    public const int TopReasons = 3;

    public static IEndpointRouteBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/queue", ListQueue).RequireAuthorization(ApiPolicies.Analyst);
        return app;
    }

    private static async Task<IResult> ListQueue(HttpRequest request, ReviewQueue queue)
    {
        var query = request.Query;
        Decision? decision = null;
        if (query.TryGetValue("decision", out var decisionText))
        {
            decision = decisionText.ToString() switch
            {
                "review" => Decision.Review,
                "deny" => Decision.Deny,
                _ => null,
            };
            if (decision is null)
            {
                return Results.BadRequest(new ErrorResponse("decision: must be review or deny", "decision"));
            }
        }

        var (minAccounts, minError) = Integer(request, "min_accounts");
        var (maxAccounts, maxError) = Integer(request, "max_accounts");
        var (maxAge, ageError) = Integer(request, "max_age_days");
        if ((minError ?? maxError ?? ageError) is { } error)
        {
            return error;
        }

        var decided = query.TryGetValue("decided", out var decidedText) && decidedText.ToString() == "include";
        var items = (await queue.ItemsAsync())
            .Where(i => decision is null || i.Assessment.Decision == decision)
            .Where(i => minAccounts is null || i.Accounts >= minAccounts)
            .Where(i => maxAccounts is null || i.Accounts <= maxAccounts)
            .Where(i => maxAge is null || (i.AgeDays ?? 0) <= maxAge)
            .Where(i => decided || i.Decided is null)
            .Select(Model);
        return Results.Ok(items.ToList());
    }

    private static QueueItemModel Model(ReviewItem item) => new(
        item.Id,
        item.IsHub ? "hub" : "component",
        item.Accounts,
        item.Entities,
        item.Assessment.Score,
        item.Assessment.Decision,
        [.. ReasonModel.Of(item.Assessment).Take(TopReasons)],
        item.FirstSignupDay is { } day ? new DateTime(day * TimeSpan.TicksPerDay, DateTimeKind.Utc) : null,
        item.AgeDays,
        item.Claim is { } c ? new ClaimModel(c.Item, c.Who, c.At) : null,
        item.Decided is { } d ? Decided(d) : null);

    internal static DecidedModel Decided(AnalystAction action) => new(action.Kind, action.Verdict, action.Who, action.At, action.Why);

    /// <summary>A non-negative integer query parameter, or null when absent; an error naming the field when malformed.</summary>
    private static (int? Value, IResult? Error) Integer(HttpRequest request, string field)
    {
        if (!request.Query.TryGetValue(field, out var text))
        {
            return (null, null);
        }

        return int.TryParse(text, out var parsed) && parsed >= 0
            ? (parsed, null)
            : (null, Results.BadRequest(new ErrorResponse($"{field}: must be a non-negative integer", field)));
    }
}
