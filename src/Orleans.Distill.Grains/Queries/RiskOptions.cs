namespace Orleans.Distill.Queries;

/// <summary>
/// How long a risk check may spend reading the graph, and what it decides when it could read only part of it.
/// Bound from <c>Distill:Risk</c>; checked by <see cref="RiskOptionsValidator"/>.
/// </summary>
public sealed class RiskOptions
{
    public const string Section = "Distill:Risk";

    /// <summary>A degraded answer decides from what could be read.</summary>
    public const string Open = "open";

    /// <summary>A degraded answer is at least <c>review</c>.</summary>
    public const string Closed = "closed";

    /// <summary>
    /// A risk check answers within this, counted from when its request reached the handler, with what it could
    /// read by then. A signup flow waits on it, so it is short: a healthy read takes a millisecond or two.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary><see cref="Open"/> or <see cref="Closed"/>: what a degraded answer decides.</summary>
    public string Degraded { get; set; } = Open;

    public bool FailsClosed => Degraded == Closed;
}
