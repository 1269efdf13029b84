using Orleans.Distill.Hosting;

namespace Orleans.Distill.Host.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// API keys (<c>Distill:Auth:KeysFile</c>), the schemes that check them (bearer, and the console's cookie), and the
    /// role policies.
    /// </summary>
    public static IServiceCollection AddDistillApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration, AuthOptions.Section);
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(DistillAuthentication.SchemeName).AddDistillSchemes();
        services.AddAuthorizationBuilder().AddDistillPolicies();
        services.AddDistillRateLimits();
        return services;
    }
}
