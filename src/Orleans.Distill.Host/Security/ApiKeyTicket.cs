using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Orleans.Distill.Security;

namespace Orleans.Distill.Host.Security;

/// <summary>Who a key is: its name is who acted, its role what it may do, whichever scheme carried it.</summary>
public static class ApiKeyTicket
{
    public static AuthenticateResult Success(string name, ApiKeyRole role, string scheme)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role.Name())], scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), scheme));
    }
}
