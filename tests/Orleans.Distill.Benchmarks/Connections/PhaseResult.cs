using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using Orleans.Distill.Cli.Load;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// What one phase saw. Latency, outcomes and failures are of the requests sent in the measured window, each followed
/// to its answer or failure (errors and timeouts included, so they weigh on the tail); the rate counts answers that
/// arrived within the window, whenever their request was sent.
/// </summary>
public sealed class PhaseResult(string name, int connections, TimeSpan window)
{
    /// <summary>Ten minutes: longer than any client timeout, so every request fits.</summary>
    private const long HighestMicroseconds = 600_000_000;

    private readonly ConcurrentDictionary<string, LongConcurrentHistogram> _latencyBy = new();
    private readonly ConcurrentDictionary<(string Kind, string Outcome), long> _outcomes = new();
    private readonly ConcurrentDictionary<string, long> _failures = new();
    private readonly ConcurrentDictionary<string, long> _failureKinds = new();
    private long _sent;
    private long _succeeded;
    private long _degraded;
    private long _refusedWithoutRetryAfter;
    private long _answeredInWindow;
    private long _succeededInWindow;
    private long _connects;

    public string Name => name;

    public int Connections => connections;

    public TimeSpan Window => window;

    public LongConcurrentHistogram Latency { get; } = new(1, HighestMicroseconds, 3);

    /// <summary>Connections whose opening <c>GET /health</c> was answered 200.</summary>
    public int Opened { get; set; }

    public double OpenSeconds { get; set; }

    /// <summary>Why connections failed to open, by failure.</summary>
    public IReadOnlyDictionary<string, int> OpenFailures { get; set; } = new Dictionary<string, int>();

    /// <summary>TCP connections the clients opened in the whole phase: more than <see cref="Connections"/> means some were closed under them.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    public HostMemory? Before { get; set; }

    public PhaseSamples? Samples { get; set; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Degraded => Interlocked.Read(ref _degraded);

    /// <summary>429 answers without a <c>Retry-After</c> header (the contract promises one).</summary>
    public long RefusedWithoutRetryAfter => Interlocked.Read(ref _refusedWithoutRetryAfter);

    public double AnswersPerSecond => Interlocked.Read(ref _answeredInWindow) / window.TotalSeconds;

    public double SucceededPerSecond => Interlocked.Read(ref _succeededInWindow) / window.TotalSeconds;

    public IReadOnlyDictionary<(string Kind, string Outcome), long> Outcomes => _outcomes;

    /// <summary>Failures by what went wrong: <c>HTTP 429</c>, <c>socket ConnectionReset</c>, <c>timeout</c>...</summary>
    public IReadOnlyDictionary<string, long> Failures => _failures;

    public long FailuresOfKind(string kind) => _failureKinds.GetValueOrDefault(kind);

    public double Percentile(double p) => Percentile(Latency, p);

    public double Percentile(string answer, double p) => _latencyBy.TryGetValue(answer, out var latency) ? Percentile(latency, p) : double.NaN;

    public double MaxMs => Latency.TotalCount == 0 ? double.NaN : Latency.GetMaxValue() / 1000.0;

    public void Connected() => Interlocked.Increment(ref _connects);

    /// <param name="measured">Sent within the measured window: counted in latency, outcomes and failures.</param>
    /// <param name="inWindow">Answered within the measured window: counted in the rate.</param>
    public void Record(string kind, long elapsedTicks, Answer answer, bool measured, bool inWindow)
    {
        if (inWindow && answer.Status > 0)
        {
            Interlocked.Increment(ref _answeredInWindow);
            if (answer.Succeeded)
            {
                Interlocked.Increment(ref _succeededInWindow);
            }
        }

        if (!measured)
        {
            return;
        }

        var micros = Math.Clamp((long)(elapsedTicks * 1_000_000.0 / Stopwatch.Frequency), 1, HighestMicroseconds);
        Latency.RecordValue(micros);
        Interlocked.Increment(ref _sent);
        var failure = answer.Succeeded ? null : answer.Status > 0 ? $"HTTP {answer.Status}" : $"{answer.Outcome} {answer.Detail}".TrimEnd();
        _latencyBy.GetOrAdd(answer.Succeeded ? "2xx" : answer.Status > 0 ? failure! : answer.Outcome, NewHistogram).RecordValue(micros);
        _outcomes.AddOrUpdate((kind, answer.Outcome), 1, (_, n) => n + 1);
        if (answer.Succeeded)
        {
            Interlocked.Increment(ref _succeeded);
            if (answer.Degraded)
            {
                Interlocked.Increment(ref _degraded);
            }

            return;
        }

        _failures.AddOrUpdate(failure!, 1, (_, n) => n + 1);
        _failureKinds.AddOrUpdate(answer.Outcome, 1, (_, n) => n + 1);
        if (answer.Status == 429 && !answer.RetryAfter)
        {
            Interlocked.Increment(ref _refusedWithoutRetryAfter);
        }
    }

    private static LongConcurrentHistogram NewHistogram(string _) => new(1, HighestMicroseconds, 3);

    private static double Percentile(HistogramBase latency, double p) =>
        latency.TotalCount == 0 ? double.NaN : latency.GetValueAtPercentile(p) / 1000.0;
}
