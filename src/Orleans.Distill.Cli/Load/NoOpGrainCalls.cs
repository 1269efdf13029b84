using System.Diagnostics;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// Calls per second of a grain that does nothing: what the runtime costs per call (messaging, scheduling,
/// serialisation) with no work or storage behind it, the ceiling any grain-backed path is measured against.
/// </summary>
public static class NoOpGrainCalls
{
    /// <summary>Enough calls in flight to keep the runtime busy, few enough not to measure queueing instead.</summary>
    private const int Concurrency = 256;

    /// <summary>Grains to spread the calls over, so one activation's turn-taking does not set the rate.</summary>
    private const int Grains = 1024;

    public static async Task<double> PerSecondAsync(IGrainFactory grains, TimeSpan duration)
    {
        var calls = 0L;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            for (var i = worker; stopwatch.Elapsed < duration; i += Concurrency)
            {
                await grains.GetGrain<IPingGrain>(i % Grains).Ping();
                Interlocked.Increment(ref calls);
            }
        }));
        return Interlocked.Read(ref calls) / stopwatch.Elapsed.TotalSeconds;
    }
}
