using Orleans.Distill.Grains;

namespace Orleans.Distill.Queries;

/// <summary>
/// The newest watermark this process has read. Risk checks read entities at it rather than waiting for the
/// watermark grain first, so that one grain (and the silo it lives on) does not stand in front of every read;
/// each check reads the grain too and moves this up when it answers. The window is weeks and the watermark only
/// moves forward, so being one check behind changes nothing that matters.
/// </summary>
public sealed class KnownWatermark(IGrainFactory grains)
{
    private long _ticks = -1;

    /// <summary>Null until a read has answered.</summary>
    public DateTime? Value
    {
        get
        {
            var ticks = Interlocked.Read(ref _ticks);
            return ticks < 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    /// <summary>Reads the watermark grain; its answer also moves <see cref="Value"/> up, even if the caller has stopped waiting.</summary>
    public async Task<DateTime> ReadAsync()
    {
        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        var ticks = watermark.Ticks;
        for (var known = Interlocked.Read(ref _ticks); ticks > known; known = Interlocked.Read(ref _ticks))
        {
            if (Interlocked.CompareExchange(ref _ticks, ticks, known) == known)
            {
                break;
            }
        }

        return watermark;
    }
}
