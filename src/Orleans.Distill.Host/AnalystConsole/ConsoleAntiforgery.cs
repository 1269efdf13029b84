using Microsoft.AspNetCore.Antiforgery;
using Orleans.Distill.Host.Api;
using Orleans.Distill.Host.Security;

namespace Orleans.Distill.Host.AnalystConsole;

/// <summary>
/// A browser sends the console's cookie with any request to the host, a form posted from another site included.
/// So every state-changing request that the cookie authenticates must carry the antiforgery token that only the
/// console's own pages can read. Bearer clients send no cookie and are not affected. Without keys there is no
/// cookie, and a browser's state-changing request from another origin is refused instead.
/// </summary>
public static partial class ConsoleAntiforgery
{
    public const string HeaderName = "X-Distill-Antiforgery";
    public const string FormFieldName = "__RequestVerificationToken";
    public const string CookieName = "distill_antiforgery";

    public static bool IsCookieSession(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: ConsoleCookieAuthenticationHandler.SchemeName };

    public static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (safe)
        {
            await next(context);
            return;
        }

        if (!IsCookieSession(context))
        {
            // Without keys every caller acts as the loopback operator, so a page on another origin could act
            // through the operator's browser. Browsers say where a request comes from; other clients send nothing.
            if (!context.RequestServices.GetRequiredService<ApiKeyStore>().Enabled &&
                context.Request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new ErrorResponse(
                    $"origin: a browser page on another origin may not {method} here", "origin"));
                return;
            }

            await next(context);
            return;
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException e)
        {
            LogRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleAntiforgery).FullName!),
                method, context.Request.Path, context.User.Identity!.Name, e.Message);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ErrorResponse(
                $"antiforgery: a console session's {method} must carry the {HeaderName} header from the console's own page", "antiforgery"));
            return;
        }

        await next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} of console session {Who}: antiforgery token missing or invalid ({Reason})")]
    private static partial void LogRefused(ILogger logger, string method, string path, string? who, string reason);
}
