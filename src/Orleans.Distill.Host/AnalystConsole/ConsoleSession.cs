using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Orleans.Distill.Host.Api;
using Orleans.Distill.Host.Security;
using Orleans.Distill.Security;

namespace Orleans.Distill.Host.AnalystConsole;

/// <summary>
/// Signing in and out of the console, and what its pages ask first: who is signed in, and the antiforgery token
/// their requests must carry.
/// </summary>
public static partial class ConsoleSession
{
    public static IEndpointRouteBuilder MapConsoleSession(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/signin", ShowSignIn);
        app.MapPost("/console/signin", SignInAsync);
        app.MapPost("/console/signout", SignOut);
        app.MapGet("/console/session", Session);
        return app;
    }

    /// <summary>Only these roles may use the console: it reads and acts like an analyst.</summary>
    public static bool MayUseConsole(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(ApiKeyRole.Analyst.Name()) || user.IsInRole(ApiKeyRole.Admin.Name()));

    private static IResult ShowSignIn(HttpContext context, ApiKeyStore keys, IAntiforgery antiforgery) =>
        !keys.Enabled
            ? Results.Redirect("/console/")
            : SignInPage.Render(antiforgery.GetAndStoreTokens(context).RequestToken!, null);

    private static async Task<IResult> SignInAsync(HttpContext context, ApiKeyStore keys, IAntiforgery antiforgery, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ConsoleSession).FullName!);
        if (!keys.Enabled)
        {
            return Results.Redirect("/console/", preserveMethod: false);
        }

        if (!context.Request.HasFormContentType)
        {
            return SignInPage.Render(antiforgery.GetAndStoreTokens(context).RequestToken!, "Send the sign-in form.", StatusCodes.Status400BadRequest);
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return SignInPage.Render(antiforgery.GetAndStoreTokens(context).RequestToken!,
                "The sign-in form had expired or came from another site; sign in again here.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var key = form["key"].ToString().Trim();
        var record = key.Length == 0 ? null : keys.Find(key);
        if (record is null)
        {
            LogRefused(logger, context.Connection.RemoteIpAddress?.ToString());
            return SignInPage.Render(antiforgery.GetAndStoreTokens(context).RequestToken!,
                "That key is not known: it is mistyped, or it was revoked.", StatusCodes.Status401Unauthorized);
        }

        if (record.Role is not (ApiKeyRole.Analyst or ApiKeyRole.Admin))
        {
            return SignInPage.Render(antiforgery.GetAndStoreTokens(context).RequestToken!,
                $"The key '{record.Name}' has the role {record.Role.Name()}; the console needs an analyst or admin key.", StatusCodes.Status403Forbidden);
        }

        context.Response.Cookies.Append(ConsoleCookieAuthenticationHandler.CookieName, key, SessionCookie(context));
        LogSignedIn(logger, record.Name, record.Role.Name());
        return Results.Redirect("/console/");
    }

    /// <summary>A cookie session's POST: the antiforgery guard has checked its token before it gets here.</summary>
    private static IResult SignOut(HttpContext context, ApiKeyStore keys)
    {
        context.Response.Cookies.Delete(ConsoleCookieAuthenticationHandler.CookieName, SessionCookie(context));
        return Results.Redirect(keys.Enabled ? "/console/signin" : "/console/");
    }

    private static IResult Session(HttpContext context, ApiKeyStore keys, IAntiforgery antiforgery)
    {
        var user = context.User;
        if (!MayUseConsole(user))
        {
            return Results.Json(new ErrorResponse("sign in at /console/signin with an analyst or admin key", "authorization"), statusCode: StatusCodes.Status401Unauthorized);
        }

        context.Response.Headers.CacheControl = "no-store";
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Results.Ok(new ConsoleSessionModel(user.Identity!.Name!, user.FindFirstValue(ClaimTypes.Role)!, keys.Enabled, ConsoleAntiforgery.HeaderName, tokens.RequestToken!));
    }

    private static CookieOptions SessionCookie(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in: {Who} ({Role})")]
    private static partial void LogSignedIn(ILogger logger, string who, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused from {Remote}: unknown key")]
    private static partial void LogRefused(ILogger logger, string? remote);
}

/// <summary>Who is signed in; <see cref="SignedIn"/> is false on loopback without keys, where no one signs in.</summary>
public sealed record ConsoleSessionModel(string Name, string Role, bool SignedIn, string AntiforgeryHeader, string AntiforgeryToken);
