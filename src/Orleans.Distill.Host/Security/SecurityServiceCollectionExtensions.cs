using Orleans.Distill.Hosting;

namespace Orleans.Distill.Host.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>API keys (<c>Distill:Auth:KeysFile</c>), the bearer scheme that checks them, and the role policies.</summary>
    public static IServiceCollection AddDistillApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration, AuthOptions.Section);
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddDistillPolicies();
        services.AddDistillRateLimits();
        return services;
    }
}
