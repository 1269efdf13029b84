using Orleans.Distill.Host.Api;

namespace Orleans.Distill.Host.Security;

/// <summary>
/// Without keys, no request is served until the host has judged the addresses the server bound: the server accepts
/// connections as soon as it binds, and only then can <see cref="ListeningGuard"/> see where it listens. Open unless
/// the host holds it; processes that embed the host (tests, benchmarks) never do.
/// </summary>
public sealed class LoopbackGate
{
    private volatile bool _held;

    public void Hold() => _held = true;

    public void Open() => _held = false;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!_held)
        {
            return next(context);
        }

        context.Response.Headers.RetryAfter = ErrorAnswers.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new ErrorResponse("the host is starting; send the same request again"), statusCode: StatusCodes.Status503ServiceUnavailable)
            .ExecuteAsync(context);
    }
}
