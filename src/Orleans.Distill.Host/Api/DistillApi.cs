using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Distill.Events;
using Orleans.Distill.Graph;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Ingestion;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Telemetry;

namespace Orleans.Distill.Host.Api;

/// <summary>The HTTP API of CONTRACT.md, as minimal API endpoints.</summary>
public static partial class DistillApi
{
    public const int MaxTop = 1000;

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapDistillApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/events", IngestEvents).RequireAuthorization(ApiPolicies.Ingest);
        app.MapGet("/v1/accounts/{account}", GetAccount).RequireAuthorization(ApiPolicies.Analyst);
        app.MapGet("/v1/components/{id}", GetComponent).RequireAuthorization(ApiPolicies.Analyst);
        app.MapGet("/v1/components", ListComponents).RequireAuthorization(ApiPolicies.Analyst);
        app.MapGet("/v1/flagged", ListFlagged).RequireAuthorization(ApiPolicies.Analyst);
        app.MapGet("/health", Health);

        // How far detection lags ingestion (components and hubs changed and not yet re-scored or split), and memory.
        app.MapGet("/v1/status", async (GraphQueries queries) => Results.Ok(new StatusResponse(await queries.RebuildBacklogAsync(), ProcessModel.Current()))).RequireAuthorization(ApiPolicies.Analyst);
        app.MapRiskApi();
        app.MapActionsApi();
        app.MapAuditApi();
        app.MapErasureApi();
        app.MapReviewApi();
        return app;
    }

    /// <summary>200 while the silo serves; 503, with the reason, while it cannot (its database is unreachable).</summary>
    private static async Task<IResult> Health(HealthCheckService health, CancellationToken cancellation)
    {
        var report = await health.CheckHealthAsync(cancellation);
        return report.Status == HealthStatus.Healthy
            ? Results.Ok(new { status = "serving" })
            : Results.Json(
                new { status = "unhealthy", reason = string.Join("; ", report.Entries.Values.Select(e => e.Description).Where(d => d is not null)) },
                statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> IngestEvents(
        HttpContext context, EventParser parser, IngestPipeline pipeline, IOptions<IngestOptions> limits)
    {
        var max = limits.Value.MaxBodyBytes;
        if (context.Request.ContentLength > max)
        {
            return TooLarge(max);
        }

        byte[] body;
        int length;
        try
        {
            using var buffer = new MemoryStream(context.Request.ContentLength is { } n ? (int)n : 64 * 1024);
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.GetBuffer();
            length = (int)buffer.Length;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }

        ParsedBatch batch;
        try
        {
            batch = parser.Parse(body.AsSpan(0, length));
        }
        catch (BodyFormatException e)
        {
            return Results.BadRequest(new ErrorResponse(e.Message, "body"));
        }

        // A failure part-way acknowledges nothing: every step is idempotent, so the client re-sends the same batch.
        // Past the deadline the work in flight goes on, and the re-sent batch finds what it applied.
        var ingest = pipeline.IngestAsync(batch.Events);
        _ = ingest.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        var result = await ingest.WaitAsync(limits.Value.Deadline, context.RequestAborted);
        DistillTelemetry.EventsRejected.Add(batch.Rejected.Count);
        return Results.Ok(new IngestResponse(batch.Events.Count, batch.Rejected, result.Duplicates));
    }

    private static async Task<IResult> GetAccount(string account, GraphQueries queries)
    {
        if (!Identifiers.IsValidAccount(account))
        {
            return Results.BadRequest(new ErrorResponse("account: must be 1-128 characters of [A-Za-z0-9._:@-]", "account"));
        }

        var view = await queries.GetAccountAsync(account);
        if (view is null)
        {
            return NotFound($"account '{account}' is not known");
        }

        var a = view.Account;
        var links = view.Links
            .Select(l =>
            {
                NodeKey.TryParse(l.Entity, out var kind, out var value);
                return new LinkModel(kind.Name(), value, l.Hub, l.Benign, l.Link.FirstSeen, l.Link.LastSeen, l.Link.Count);
            })
            .OrderBy(l => l.Kind, StringComparer.Ordinal)
            .ThenBy(l => l.Entity, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(new AccountModel(
            a.Account, view.Component, view.Assessment.Score, view.Assessment.Decision, ReasonModel.Of(view.Assessment), links,
            a.SignupAt, a.FirstSeen, a.LastSeen, a.Requests, a.Tokens, a.Label, a.Actions) {
                Remembered = RememberedModel.Of(view.Remembered),
                ErasedAt = a.ErasedAt,
                Evidence = new EvidenceModel(view.Evidence.Score, view.Evidence.Decision),
            });
    }

    private static async Task<IResult> GetComponent(string id, GraphQueries queries)
    {
        var view = await queries.GetComponentAsync(id);
        if (view is null)
        {
            return NotFound($"component '{id}' is not known");
        }

        if (view.SplitInto.Count > 0)
        {
            return Split(id, view.SplitInto, StatusCodes.Status410Gone);
        }

        // Members glue the component; the hubs and benign entities its accounts link to are listed too, marked.
        var entities = view.Entities.Select(e => new EntityRef(e, false, false))
            .Concat(view.LinkedHubs)
            .Select(e =>
            {
                NodeKey.TryParse(e.Key, out var kind, out var value);
                return new EntityRefModel(kind.Name(), value, e.Hub, e.Benign);
            })
            .ToList();
        return Results.Ok(new ComponentModel(
            view.Id, view.Aggregate.Accounts, view.Aggregate.Entities, Counts(view.Aggregate),
            view.Assessment.Score, view.Assessment.Decision, ReasonModel.Of(view.Assessment),
            view.Accounts, entities, view.Actions, view.Id == id ? null : id));
    }

    private static async Task<IResult> ListComponents(HttpRequest request, GraphQueries queries)
    {
        var top = 20;
        if (request.Query.TryGetValue("top", out var topText) && (!int.TryParse(topText, out top) || top is < 1 or > MaxTop))
        {
            return Results.BadRequest(new ErrorResponse($"top: must be an integer from 1 to {MaxTop}", "top"));
        }

        var by = request.Query.TryGetValue("by", out var byText) ? byText.ToString() : "size";
        if (by is not ("size" or "score"))
        {
            return Results.BadRequest(new ErrorResponse("by: must be size or score", "by"));
        }

        var components = await queries.TopAsync(top, byScore: by == "score");
        return Results.Ok(components.Select(c => new ComponentSummaryModel(
            c.Id, c.Accounts, c.Entities, c.Assessment.Score, c.Assessment.Decision, ReasonModel.Of(c.Assessment))));
    }

    /// <summary>NDJSON, one line per flagged account, worst first.</summary>
    private static async Task ListFlagged(HttpContext context, GraphQueries queries)
    {
        var flagged = await queries.FlaggedAsync();
        context.Response.ContentType = "application/x-ndjson";
        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var writer = context.Response.BodyWriter;
        foreach (var f in flagged)
        {
            var line = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new FlaggedModel(f.Account, f.Component, f.Assessment.Score, f.Assessment.Decision, f.Since, f.Active), json);
            await writer.WriteAsync(line, context.RequestAborted);
            await writer.WriteAsync(NewLine, context.RequestAborted);
        }
    }

    internal static IResult Split(string id, IReadOnlyList<string> splitInto, int status) => Results.Json(
        new SplitResponse($"component '{id}' has split into {string.Join(", ", splitInto)}", splitInto), statusCode: status);

    private static IReadOnlyDictionary<string, long> Counts(ComponentAggregate aggregate) =>
        new Dictionary<string, long>
        {
            ["account"] = aggregate.Accounts,
            ["instrument"] = aggregate.Instruments,
            ["ip_range"] = aggregate.IpRanges,
            ["device"] = aggregate.Devices,
            ["template"] = aggregate.Templates,
        };

    internal static IResult NotFound(string message) => Results.NotFound(new ErrorResponse(message));

    private static IResult TooLarge(long max) => Results.Json(
        new ErrorResponse($"body: larger than {max} bytes; split the batch", "body"),
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
