using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Orleans.Distill.Host.Api;
using Orleans.Distill.Host.Security;

namespace Orleans.Distill.Host.AnalystConsole;

/// <summary>
/// The analyst console: static pages and scripts under <c>/console</c> that call the public <c>/v1</c> API, signed in
/// with the analyst's own key. Goes right after authentication, so that its antiforgery check sees who is calling.
/// </summary>
public static class ConsoleApplicationBuilderExtensions
{
    public const string PathPrefix = "/console";

    public static WebApplication UseDistillConsole(this WebApplication app)
    {
        // The token check covers the API too: the console's cookie reaches every path of the host.
        app.Use((context, next) => ConsoleAntiforgery.GuardAsync(context, _ => next()));

        // Counting starts with the host, not with the first look at the status page.
        app.Services.GetRequiredService<IngestRate>();
        if (!app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled)
        {
            return app;
        }

        app.Use(GatePagesAsync);
        var root = Path.Combine(app.Environment.WebRootPath ?? Path.Combine(AppContext.BaseDirectory, "wwwroot"), "console");
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = PathPrefix,
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapConsoleSession();
        return app;
    }

    /// <summary>
    /// Security headers on every console response; pages need a console session (or no keys at all) and send
    /// everyone else to the sign-in form. <c>/console/</c> is the queue.
    /// </summary>
    private static async Task GatePagesAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(PathPrefix, out var rest))
        {
            await next();
            return;
        }

        ConsoleSecurityHeaders.Apply(context.Response);
        if (!rest.HasValue)
        {
            context.Response.Redirect(PathPrefix + "/");
            return;
        }

        var page = rest.Value is "/" || rest.Value!.EndsWith(".html", StringComparison.Ordinal);
        if (page && HttpMethods.IsGet(context.Request.Method))
        {
            var keys = context.RequestServices.GetRequiredService<ApiKeyStore>();
            if (keys.Enabled && !ConsoleSession.MayUseConsole(context.User))
            {
                context.Response.Redirect(PathPrefix + "/signin");
                return;
            }

            if (rest.Value == "/")
            {
                context.Request.Path = PathPrefix + "/index.html";
            }

            context.Response.Headers.CacheControl = "no-store";
        }

        await next();
    }
}
