using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// What one open-loop run saw. Latencies (microseconds, from each request's intended start to its full response)
/// include failed requests, so errors and timeouts weigh on the tail instead of vanishing from it.
/// </summary>
public sealed class LoadResult(string name, double targetRate, TimeSpan duration)
{
    /// <summary>Ten minutes: longer than the client's timeout, so every request fits.</summary>
    private const long HighestMicroseconds = 600_000_000;

    private readonly ConcurrentDictionary<(string Kind, string Outcome), int> _outcomes = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentDictionary<string, LongConcurrentHistogram> _latencyByKind = new();
    private long _completed;
    private long _errorCount;
    private long _lastCompletion;
    private int _inFlight;
    private int _maxInFlight;

    public string Name => name;

    public double TargetRate => targetRate;

    public TimeSpan Duration => duration;

    public LongConcurrentHistogram Latency { get; } = new(1, HighestMicroseconds, 3);

    public long Sent { get; private set; }

    public long Completed => Interlocked.Read(ref _completed);

    public long Errors => Interlocked.Read(ref _errorCount);

    public int MaxInFlight => _maxInFlight;

    /// <summary>
    /// How late the bench itself sent each request (timer granularity, a busy thread pool), microseconds. It is part
    /// of <see cref="Latency"/>, as it would be for a real caller; large values mean the bench, not the host, fell behind.
    /// </summary>
    public LongHistogram SchedulerLag { get; } = new(1, HighestMicroseconds, 3);

    public long StartTimestamp { get; set; }

    public double AchievedRate => Completed / Math.Max(1e-9, Stopwatch.GetElapsedTime(StartTimestamp, _lastCompletion).TotalSeconds);

    public IReadOnlyDictionary<(string Kind, string Outcome), int> Outcomes => _outcomes;

    public IReadOnlyDictionary<string, int> ErrorsByCause => _errors;

    public double Percentile(double p) => Percentile(Latency, p);

    public double Percentile(string kind, double p) => _latencyByKind.TryGetValue(kind, out var latency) ? Percentile(latency, p) : double.NaN;

    public double MaxMs => Latency.TotalCount == 0 ? double.NaN : Latency.GetMaxValue() / 1000.0;

    private static double Percentile(HistogramBase latency, double p) =>
        latency.TotalCount == 0 ? double.NaN : latency.GetValueAtPercentile(p) / 1000.0;

    internal void Dispatched(long lagTicks)
    {
        Sent++;
        SchedulerLag.RecordValue(Math.Clamp((long)(lagTicks * 1_000_000.0 / Stopwatch.Frequency), 1, HighestMicroseconds));
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var seen = _maxInFlight; inFlight > seen; seen = _maxInFlight)
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) == seen)
            {
                break;
            }
        }
    }

    internal void Finished(string kind, long intended, string outcome, string? error)
    {
        var end = Stopwatch.GetTimestamp();
        var micros = (long)((end - intended) * 1_000_000.0 / Stopwatch.Frequency);
        micros = Math.Clamp(micros, 1, HighestMicroseconds);
        Latency.RecordValue(micros);
        _latencyByKind.GetOrAdd(kind, _ => new LongConcurrentHistogram(1, HighestMicroseconds, 3)).RecordValue(micros);
        _outcomes.AddOrUpdate((kind, outcome), 1, (_, n) => n + 1);
        if (error is not null)
        {
            Interlocked.Increment(ref _errorCount);
            _errors.AddOrUpdate(error, 1, (_, n) => n + 1);
        }

        for (var last = Interlocked.Read(ref _lastCompletion); end > last; last = Interlocked.Read(ref _lastCompletion))
        {
            if (Interlocked.CompareExchange(ref _lastCompletion, end, last) == last)
            {
                break;
            }
        }

        Interlocked.Increment(ref _completed);
        Interlocked.Decrement(ref _inFlight);
    }
}
