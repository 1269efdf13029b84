using Microsoft.AspNetCore.Authentication;

namespace Orleans.Distill.Host.Security;

/// <summary>
/// The default scheme: a request with an <c>Authorization</c> header is a bearer API client; one with only the
/// console's cookie is a console session. The bearer scheme also decides everything when there are no keys.
/// </summary>
public static class DistillAuthentication
{
    public const string SchemeName = "Distill";

    public static AuthenticationBuilder AddDistillSchemes(this AuthenticationBuilder authentication) => authentication
        .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
        .AddScheme<AuthenticationSchemeOptions, ConsoleCookieAuthenticationHandler>(ConsoleCookieAuthenticationHandler.SchemeName, o =>
        {
            o.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
            o.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
        })
        .AddPolicyScheme(SchemeName, "API key or console session", o => o.ForwardDefaultSelector = Select);

    private static string Select(HttpContext context) =>
        context.Request.Headers.Authorization.Count == 0 &&
        context.Request.Cookies.ContainsKey(ConsoleCookieAuthenticationHandler.CookieName) &&
        context.RequestServices.GetRequiredService<ApiKeyStore>().Enabled
            ? ConsoleCookieAuthenticationHandler.SchemeName
            : ApiKeyAuthenticationHandler.SchemeName;
}
