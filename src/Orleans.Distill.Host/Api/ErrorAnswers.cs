using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Distill.Failures;
using Orleans.Distill.Telemetry;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// What a request that threw answers. <c>503</c> only for what sending the same request again can cure (a timeout,
/// a silo that went away, a frozen component, the database); anything else is a bug: <c>500</c> with an
/// <c>error_id</c> that also stands in the log line carrying the stack trace, so a report can be matched to it.
/// </summary>
public static partial class ErrorAnswers
{
    /// <summary>Seconds a client should wait before sending a request answered <c>503</c> again.</summary>
    public const int RetryAfterSeconds = 1;

    public static IApplicationBuilder UseDistillErrorAnswers(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteAsync,
            // The answer's own log line carries the exception; the middleware's would repeat it without the id.
            SuppressDiagnosticsCallback = _ => true,
        });

    private static async Task WriteAsync(HttpContext context)
    {
        var feature = context.Features.Get<IExceptionHandlerPathFeature>();
        var exception = feature?.Error;
        var route = (feature?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? feature?.Path ?? context.Request.Path.Value ?? "";
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Distill.Api");
        if (exception is null)
        {
            return;
        }

        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is no one to answer.
            return;
        }

        var tags = new TagList { { "route", route }, { "exception", exception.GetType().Name } };
        if (TransientFailure.Reason(exception) is { } reason)
        {
            tags.Add("status", StatusCodes.Status503ServiceUnavailable);
            DistillTelemetry.ApiErrors.Add(1, tags);
            LogUnavailable(logger, exception, context.Request.Method, route, reason);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new ErrorResponse($"the cluster could not do this now ({reason}); send the same request again"));
            return;
        }

        var errorId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        tags.Add("status", StatusCodes.Status500InternalServerError);
        DistillTelemetry.ApiErrors.Add(1, tags);
        LogBug(logger, exception, errorId, context.Request.Method, route);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await context.Response.WriteAsJsonAsync(new InternalErrorResponse($"internal error; reported as {errorId}", errorId));
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Internal error {ErrorId} answering {Method} {Route}")]
    private static partial void LogBug(ILogger logger, Exception exception, string errorId, string method, string route);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "{Method} {Route} answered 503, to be sent again: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string route, string reason);
}
