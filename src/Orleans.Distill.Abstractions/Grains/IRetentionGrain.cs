using Orleans.Concurrency;
using Orleans.Distill.Retention;

namespace Orleans.Distill.Grains;

/// <summary>
/// When retention last swept, and who sweeps now: one sweep at a time over a catalog, at most one per period,
/// across restarts. Keyed by the catalog swept: <c>cluster</c> for a shared database, the silo for its own memory.
/// </summary>
[Alias("distill.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the sweep for <paramref name="holder"/> for <paramref name="lease"/> if the last one finished longer than
    /// <paramref name="every"/> ago and nobody else holds it.
    /// </summary>
    [Alias("TryStart")]
    Task<bool> TryStart(string holder, TimeSpan every, TimeSpan lease);

    /// <summary>Records a finished sweep and gives the lease back.</summary>
    [Alias("Finish")]
    Task Finish(string holder, RetentionSweepReport report);

    /// <summary>The last finished sweep, or null if none has finished.</summary>
    [Alias("Last"), ReadOnly]
    Task<RetentionSweepReport?> Last();
}
