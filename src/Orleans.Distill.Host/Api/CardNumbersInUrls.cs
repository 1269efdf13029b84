using Orleans.Distill.Graph;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// Refuses a request whose URL holds a card number, in a path segment or a query value, before authentication,
/// handlers, the audit log or any log line see it. Handlers take account ids, component ids and reasons from the
/// URL and write them down (an erasure's <c>why</c>, an action's target even when the account is not known), so
/// the check stands in front of all of them rather than in each.
/// </summary>
public static class CardNumbersInUrls
{
    /// <summary>The route value that names a component in the <c>/v1/components/{id}</c> calls.</summary>
    private const string ComponentIdRouteValue = "id";

    public static IApplicationBuilder UseCardNumberRefusal(this IApplicationBuilder app) => app.Use(RefuseAsync);

    /// <summary>
    /// The field a card number stands in, or null: the route parameter (<c>account</c>, <c>id</c>), <c>path</c>
    /// for a segment no route names, the query parameter, or <c>query</c> when it is a parameter's name. The path is
    /// read once; which route value holds the number is looked up only when it does.
    /// </summary>
    public static string? FieldHoldingOne(RouteValueDictionary route, PathString path, IQueryCollection query)
    {
        if (path.HasValue && CardNumberDetector.ContainsCardNumber(path.Value))
        {
            var rest = path.Value;
            foreach (var (name, value) in route)
            {
                if (value is not string text || !CardNumberDetector.ContainsCardNumber(text))
                {
                    continue;
                }

                // The host's own component ids are c- and 16 random hex digits: one in some fifty thousand is all
                // decimal, with an issuer's prefix and a valid Luhn digit, and would otherwise be refused wherever it
                // is asked for.
                if (name != ComponentIdRouteValue || !ComponentId.IsValid(text))
                {
                    return name;
                }

                rest = rest.Replace(text, "", StringComparison.Ordinal);
            }

            if (CardNumberDetector.ContainsCardNumber(rest))
            {
                return "path";
            }
        }

        foreach (var (name, values) in query)
        {
            if (CardNumberDetector.ContainsCardNumber(name))
            {
                return "query";
            }

            foreach (var value in values)
            {
                if (value is not null && CardNumberDetector.ContainsCardNumber(value))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static async Task RefuseAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (FieldHoldingOne(request.RouteValues, request.Path, request.Query) is not { } field)
        {
            await next(context);
            return;
        }

        await Results.BadRequest(new ErrorResponse($"{field}: {CardNumberDetector.Refusal}", field)).ExecuteAsync(context);
    }
}
