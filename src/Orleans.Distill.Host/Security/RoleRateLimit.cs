namespace Orleans.Distill.Host.Security;

/// <summary>A token bucket per key: <see cref="PermitsPerSecond"/> requests a second on average, bursts of <see cref="Burst"/>.</summary>
public sealed class RoleRateLimit
{
    public int PermitsPerSecond { get; set; }

    public int Burst { get; set; }
}
