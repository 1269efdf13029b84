using Microsoft.AspNetCore.Authorization;
using Orleans.Distill.Security;

namespace Orleans.Distill.Host.Security;

/// <summary>What each role may call. An admin may do everything; an analyst reads, acts and asks the risk checks.</summary>
public static class ApiPolicies
{
    public const string Ingest = "ingest";
    public const string Risk = "risk";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    public static AuthorizationBuilder AddDistillPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Ingest, p => p.RequireRole(Roles(ApiKeyRole.Ingest, ApiKeyRole.Admin)))
        .AddPolicy(Risk, p => p.RequireRole(Roles(ApiKeyRole.Risk, ApiKeyRole.Analyst, ApiKeyRole.Admin)))
        .AddPolicy(Analyst, p => p.RequireRole(Roles(ApiKeyRole.Analyst, ApiKeyRole.Admin)))
        .AddPolicy(Admin, p => p.RequireRole(Roles(ApiKeyRole.Admin)));

    private static string[] Roles(params ApiKeyRole[] roles) => [.. roles.Select(r => r.Name())];
}
