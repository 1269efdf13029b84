using System.Diagnostics.Metrics;
using Orleans.Distill.Telemetry;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// Events applied per second over the last minute, heard from the host's own <c>distill.events.ingested</c> counter:
/// the status page shows it without a metrics backend.
/// </summary>
public sealed class IngestRate : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly MeterListener _listener = new();
    private readonly TimeProvider _clock;
    private readonly long[] _perSecond = new long[(int)Window.TotalSeconds];
    private readonly long[] _second = new long[(int)Window.TotalSeconds];

    public IngestRate(TimeProvider clock)
    {
        _clock = clock;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument, DistillTelemetry.EventsIngested))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Add(value));
        _listener.Start();
    }

    /// <summary>Events applied per second, averaged over <see cref="Window"/>.</summary>
    public double PerSecond()
    {
        var now = Now();
        long total = 0;
        lock (_perSecond)
        {
            for (var i = 0; i < _perSecond.Length; i++)
            {
                if (now - _second[i] < _perSecond.Length)
                {
                    total += _perSecond[i];
                }
            }
        }

        return total / Window.TotalSeconds;
    }

    public void Dispose() => _listener.Dispose();

    private void Add(long events)
    {
        var now = Now();
        var slot = (int)(now % _perSecond.Length);
        lock (_perSecond)
        {
            if (_second[slot] != now)
            {
                (_second[slot], _perSecond[slot]) = (now, 0);
            }

            _perSecond[slot] += events;
        }
    }

    private long Now() => _clock.GetUtcNow().ToUnixTimeSeconds();
}
