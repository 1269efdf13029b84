using System.Collections.Concurrent;
using System.Diagnostics;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// Opens a phase's connections, keeps every one of them sending for the warm-up and the measured window, then closes
/// them all. Each connection carries one request at a time (HTTP/1.1 has no usable pipelining), so the connection
/// count is also the most requests the host can have in hand at once.
/// </summary>
public static class ConnectionPhase
{
    /// <summary>
    /// Connections opened at once: under the listen backlog Kestrel asks for (512), so the opening rush never
    /// overflows the accept queue. An overflow drops the handshake and the client retries only a second later.
    /// </summary>
    private const int OpeningAtOnce = 256;

    public static async Task<PhaseResult> RunAsync(Uri address, PhasePlan plan, HostSampler sampler)
    {
        var result = new PhaseResult(plan.Name, plan.Connections, plan.Window);
        var connections = Enumerable.Range(0, plan.Connections).Select(_ => new KeepAliveConnection(address, plan.Timeout, result.Connected)).ToList();
        try
        {
            Console.WriteLine($"  {plan.Name}: opening {plan.Connections:N0} connections ({OpeningAtOnce} at a time)...");
            await OpenAsync(connections, result);
            var openFailures = plan.Connections - result.Opened;
            Console.WriteLine($"  {plan.Name}: {result.Opened:N0} open in {result.OpenSeconds:N1} s" +
                (openFailures > 0 ? $", {openFailures:N0} failed: {Describe(result.OpenFailures)}" : "") +
                $"; sending for {plan.WarmUp.TotalSeconds:N0} s warm-up + {plan.Window.TotalSeconds:N0} s measured...");

            var start = Stopwatch.GetTimestamp();
            var window = new Window(start, start + Ticks(plan.WarmUp), start + Ticks(plan.WarmUp + plan.Window));
            var sampling = sampler.RunAsync(window.MeasureFrom, window.End);
            var interval = plan.Rate > 0 ? Stopwatch.Frequency * plan.Connections / plan.Rate : 0;
            var loops = connections.Select((connection, i) =>
            {
                var mix = plan.MixOf(i);
                // Paced connections are spread evenly over one interval, so they do not all send at the same instant.
                var offset = (long)(interval * i / plan.Connections);
                return Task.Run(() => LoopAsync(connection, mix, window, interval, offset, result));
            }).ToList();
            await Task.WhenAll(loops);
            result.Samples = await sampling;
            return result;
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }

    private static async Task OpenAsync(List<KeepAliveConnection> connections, PhaseResult result)
    {
        var opened = 0;
        var failures = new ConcurrentDictionary<string, int>();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = OpeningAtOnce }, async (connection, _) =>
        {
            var answer = await connection.OpenAsync();
            if (answer.Succeeded)
            {
                Interlocked.Increment(ref opened);
            }
            else
            {
                failures.AddOrUpdate(answer.Status > 0 ? $"HTTP {answer.Status}" : $"{answer.Outcome} {answer.Detail}", 1, (_, n) => n + 1);
            }
        });
        result.Opened = opened;
        result.OpenSeconds = stopwatch.Elapsed.TotalSeconds;
        result.OpenFailures = failures;
    }

    /// <param name="interval">Stopwatch ticks between this connection's requests when paced; 0 for back-to-back.</param>
    private static async Task LoopAsync(KeepAliveConnection connection, ConnectionMix mix, Window window, double interval, long offset, PhaseResult result)
    {
        var due = (double)(window.Start + offset);
        while (true)
        {
            long started;
            if (interval > 0)
            {
                started = (long)due;
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), started);
                if (started >= window.End)
                {
                    return;
                }

                if (wait > TimeSpan.Zero)
                {
                    // Pacing to the request's due time; a late answer makes the next request late, and its latency counts from when it was due.
                    await Task.Delay(wait);
                }

                due += interval;
            }
            else
            {
                started = Stopwatch.GetTimestamp();
                if (started >= window.End)
                {
                    return;
                }
            }

            var request = mix.Next();
            var answer = await connection.SendAsync(request);
            var ended = Stopwatch.GetTimestamp();
            result.Record(request.Kind, ended - started, answer, measured: started >= window.MeasureFrom,
                inWindow: ended >= window.MeasureFrom && ended <= window.End);
        }
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Take(4).Select(c => $"{c.Key} × {c.Value:N0}"));

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Stopwatch timestamps: sending starts, measuring starts, sending stops.</summary>
    private sealed record Window(long Start, long MeasureFrom, long End);
}
