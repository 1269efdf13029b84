using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Orleans.Distill.Host.Security;

/// <summary>
/// The analyst console's session: the cookie holds the key the analyst signed in with, checked against the keys
/// file on every request like a bearer key, so a revoked key ends the session within seconds. Challenges and
/// refusals are the API key scheme's, so the console's calls get the same answers as any client's.
/// </summary>
public sealed class ConsoleCookieAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ConsoleCookie";

    /// <summary>HttpOnly, SameSite=Strict, Secure over TLS; path <c>/</c> so that it reaches the API too.</summary>
    public const string CookieName = "distill_console";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Enabled || Request.Cookies[CookieName] is not { Length: > 0 } key)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(key) is not { } record)
        {
            return Task.FromResult(AuthenticateResult.Fail("the console's key is not known (revoked, or the keys file changed): sign in again"));
        }

        return Task.FromResult(ApiKeyTicket.Success(record.Name, record.Role, SchemeName));
    }
}
