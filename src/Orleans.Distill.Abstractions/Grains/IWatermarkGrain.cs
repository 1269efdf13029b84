using Orleans.Concurrency;

namespace Orleans.Distill.Grains;

/// <summary>
/// The newest event time the cluster has seen: the "now" of the time window, so replaying a month of old events
/// expires links as that month went, whatever the wall clock says. One grain, key 0.
/// </summary>
[Alias("distill.IWatermarkGrain")]
public interface IWatermarkGrain : IGrainWithIntegerKey
{
    /// <summary>Moves the watermark up to <paramref name="at"/> if that is newer; returns the watermark.</summary>
    [Alias("Advance")]
    Task<DateTime> Advance(DateTime at);

    [Alias("Get"), ReadOnly]
    Task<DateTime> Get();
}
