namespace Orleans.Distill.Host.Security;

/// <summary>Who may call the API. Bound from <c>Distill:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Distill:Auth";

    /// <summary>
    /// The keys file (<c>--keys</c>), written by <c>Orleans.Distill.Cli keys</c>. Without one, every caller may do
    /// everything, and the host serves only on loopback.
    /// </summary>
    public string? KeysFile { get; set; }

    /// <summary>
    /// A benign mark on an identifier linked to more accounts than this takes effect only when a second analyst
    /// marks it too: one key must not be able to whitelist a ring's own card.
    /// </summary>
    public int BenignApprovalAccounts { get; set; } = 20;

    /// <summary>
    /// Requests each key may make, by its role. A signup flow's risk key sees the most traffic; an analyst's
    /// key is one person at a console.
    /// </summary>
    public Dictionary<string, RoleRateLimit> RateLimits { get; set; } = new()
    {
        ["ingest"] = new() { PermitsPerSecond = 200, Burst = 400 },
        ["risk"] = new() { PermitsPerSecond = 5_000, Burst = 10_000 },
        ["analyst"] = new() { PermitsPerSecond = 50, Burst = 200 },
        ["admin"] = new() { PermitsPerSecond = 100, Burst = 400 },
    };
}
