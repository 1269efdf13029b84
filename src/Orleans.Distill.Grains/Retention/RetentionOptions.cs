namespace Orleans.Distill.Retention;

/// <summary>How long personal usage data is kept. Bound from <c>Distill:Retention</c>; see docs/data-policy.md.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Distill:Retention";

    /// <summary>
    /// Links (account to card, range, device or template) last seen longer ago than this, in event time, are deleted
    /// on both ends. Zero keeps them.
    /// </summary>
    public TimeSpan Links { get; set; } = TimeSpan.FromDays(395);

    /// <summary>
    /// Usage older than this is deleted: hours of activity, and the request and token totals of an account whose
    /// every event is older. Zero keeps it.
    /// </summary>
    public TimeSpan Usage { get; set; } = TimeSpan.FromDays(395);

    /// <summary>How often a sweep runs; one silo of a cluster sweeps at a time.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Accounts pruned at once by a sweep.</summary>
    public int SweepConcurrency { get; set; } = 16;

    /// <summary>Whether this silo takes part in sweeps.</summary>
    public bool RunSweeps { get; set; } = true;
}
