using Microsoft.AspNetCore.DataProtection;
using Orleans.Distill.Host.Api;
using Orleans.Distill.Host.Security;

namespace Orleans.Distill.Host.AnalystConsole;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>The console's options (<c>Distill:Console</c>) and the antiforgery tokens its requests carry.</summary>
    public static IServiceCollection AddDistillConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ConsoleOptions();
        configuration.GetSection(ConsoleOptions.Section).Bind(options);
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section));
        var protection = services.AddDataProtection().SetApplicationName("Orleans.Distill");
        if (options.KeyRingDirectory is { Length: > 0 } folder)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(folder));
        }

        // Read by GET /v1/status/cluster, which the console's status page shows.
        services.AddSingleton<IngestRate>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = ConsoleAntiforgery.HeaderName;
            o.FormFieldName = ConsoleAntiforgery.FormFieldName;
            o.Cookie.Name = ConsoleAntiforgery.CookieName;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
