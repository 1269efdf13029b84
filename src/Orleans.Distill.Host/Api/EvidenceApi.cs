using System.Text;
using Orleans.Distill.Graph;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// Evidence for fraud analysts: why two accounts are in one component, the component's graph to take away, and the
/// features its groups are scored on.
/// </summary>
public static class EvidenceApi
{
    public const string GraphMLContentType = "application/graphml+xml";
    public const string DotContentType = "text/vnd.graphviz";

    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/components/{id}/path", GetPath).RequireAuthorization(ApiPolicies.Analyst);
        app.MapGet("/v1/components/{id}/graph", GetGraph).RequireAuthorization(ApiPolicies.Analyst);
        app.MapGet("/v1/components/{id}/features", GetFeatures).RequireAuthorization(ApiPolicies.Analyst);
        return app;
    }

    private static async Task<IResult> GetPath(string id, HttpRequest request, EvidenceQueries evidence)
    {
        var (from, fromError) = AccountParameter(request, "from");
        if (fromError is not null)
        {
            return fromError;
        }

        var (to, toError) = AccountParameter(request, "to");
        if (toError is not null)
        {
            return toError;
        }

        var answer = await evidence.PathAsync(id, from!, to!);
        if (answer.Value is not { } path)
        {
            return Failure(answer);
        }

        return Results.Ok(new PathModel(path.Component, path.From, path.To, path.Hops, [.. Steps(path.Steps)], path.ResolvedFrom));
    }

    private static async Task<IResult> GetGraph(string id, HttpRequest request, EvidenceQueries evidence)
    {
        GraphFormat? format = request.Query["format"].ToString() switch
        {
            "" or "graphml" => GraphFormat.GraphML,
            "dot" => GraphFormat.Dot,
            _ => null,
        };
        if (format is null)
        {
            return Results.BadRequest(new ErrorResponse("format: must be graphml or dot", "format"));
        }

        var answer = await evidence.ExportAsync(id, format.Value);
        if (answer.Value is not { } export)
        {
            return Failure(answer);
        }

        return Results.Text(export.Document, format == GraphFormat.Dot ? DotContentType : GraphMLContentType, Encoding.UTF8);
    }

    private static async Task<IResult> GetFeatures(string id, EvidenceQueries evidence)
    {
        var answer = await evidence.MeasureAsync(id);
        if (answer.Value is not { } measured)
        {
            return Failure(answer);
        }

        return Results.Ok(new FeaturesModel(
            measured.Component,
            measured.Watermark,
            FeatureNames.Measured,
            [.. measured.Pieces.Select(p => new PieceFeaturesModel(GroupFeaturesModel.Of(p.Group), [.. p.Cores.Select(GroupFeaturesModel.Of)]))],
            measured.ResolvedFrom));
    }

    private static (string? Account, IResult? Error) AccountParameter(HttpRequest request, string field)
    {
        var value = request.Query[field].ToString();
        if (value.Length == 0)
        {
            return (null, Results.BadRequest(new ErrorResponse($"{field}: required, an account id", field)));
        }

        return Identifiers.IsValidAccount(value)
            ? (value, null)
            : (null, Results.BadRequest(new ErrorResponse($"{field}: must be 1-128 characters of [A-Za-z0-9._:@-]", field)));
    }

    private static IEnumerable<PathStepModel> Steps(IReadOnlyList<PathStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            NodeKey.TryParse(steps[i].Node, out var kind, out var value);
            if (steps[i] is not { FromLink: { } before, ToLink: { } after })
            {
                yield return new PathStepModel(Account: value);
                continue;
            }

            // An entity step always sits between two account steps.
            yield return new PathStepModel(
                Kind: kind.Name(),
                Entity: value,
                Hub: false,
                FirstSeen: Later(before.FirstSeen, after.FirstSeen),
                LastSeen: Later(before.LastSeen, after.LastSeen),
                FromLink: Link(steps[i - 1].Node, before),
                ToLink: Link(steps[i + 1].Node, after));
        }
    }

    private static PathLinkModel Link(string accountNode, LinkRecord link)
    {
        NodeKey.TryParse(accountNode, out _, out var account);
        return new PathLinkModel(account, link.FirstSeen, link.LastSeen, link.Count);
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static IResult Failure<T>(Evidence<T> answer) where T : class => answer.Status switch
    {
        EvidenceStatus.ComponentSplit => Results.Json(new SplitResponse(answer.Error!, answer.SplitInto), statusCode: StatusCodes.Status409Conflict),
        _ => Results.NotFound(new ErrorResponse(answer.Error!)),
    };
}
