using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Distill.Host.Api;
using Orleans.Distill.Security;

namespace Orleans.Distill.Host.Security;

/// <summary>
/// <c>Authorization: Bearer KEY</c>, checked against the keys file. The key's name is who acted, its role what it
/// may do. Without a keys file every caller is the loopback operator, with every role.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Who the caller is when no keys file is configured.</summary>
    public const string LoopbackOperator = "loopback";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Enabled)
        {
            return Task.FromResult(Success(LoopbackOperator, ApiKeyRole.Admin));
        }

        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("Authorization: must be 'Bearer KEY'"));
        }

        return Task.FromResult(keys.Find(header["Bearer ".Length..].Trim()) is { } record
            ? Success(record.Name, record.Role)
            : AuthenticateResult.Fail("Authorization: the key is not known (revoked, or mistyped)"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new ErrorResponse(
            result.Failure?.Message ?? "Authorization: send 'Authorization: Bearer KEY' with a key from Orleans.Distill.Cli keys add", "authorization"));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var user = Context.User;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new ErrorResponse(
            $"the key '{user.Identity?.Name}' has the role {user.FindFirstValue(ClaimTypes.Role)}, which may not {Request.Method} {Request.Path}", "authorization"));
    }

    private static AuthenticateResult Success(string name, ApiKeyRole role) => ApiKeyTicket.Success(name, role, SchemeName);
}
