using System.Diagnostics;

namespace Orleans.Distill.Benchmarks.Risk;

/// <summary>
/// Waits for the host's process (the bench's own for an in-process host) to go quiet after a bulk load: grain writes,
/// re-scoring and collection of the ingest's garbage would otherwise land in whichever latency run comes first.
/// </summary>
public static class ProcessIdle
{
    public sealed record Outcome(double WaitedSeconds, double LastCpuCores, bool Idle);

    /// <param name="cores">CPU use, in cores, below which the process counts as idle.</param>
    public static async Task<Outcome> WaitAsync(Process process, double cores, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        var quietSamples = 0;
        var used = 0.0;
        while (stopwatch.Elapsed < limit)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var before = stopwatch.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(1));
            process.Refresh();
            used = (process.TotalProcessorTime - cpuBefore) / (stopwatch.Elapsed - before);

            // Two quiet seconds in a row, so a pause between two background batches does not count.
            quietSamples = used < cores ? quietSamples + 1 : 0;
            if (quietSamples == 2)
            {
                return new Outcome(stopwatch.Elapsed.TotalSeconds, used, true);
            }
        }

        return new Outcome(stopwatch.Elapsed.TotalSeconds, used, false);
    }
}
