using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Distill.Cli.Load;

namespace Orleans.Distill.Benchmarks.EndToEnd;

/// <summary>
/// Posts the generated stream to silos already running (for example <c>scripts/cluster.sh up 3</c>), spread over
/// them by several concurrent producers, and prints the ingest rate: the same stream against one silo and against
/// three gives the scaling figure.
/// </summary>
public static class ClusterIngestBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<Uri> silos, int events, int batchSize, int producers)
    {
        var lines = SyntheticEvents.Generate(events, seed: 42);
        var bodies = new ConcurrentQueue<(int Index, byte[] Body)>(lines.Chunk(batchSize).Select((b, i) => (i, SyntheticEvents.Body(b))));
        var clients = silos.Select(s => new HttpClient { BaseAddress = s, Timeout = TimeSpan.FromMinutes(5) }).ToList();
        var accepted = 0L;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            while (bodies.TryDequeue(out var batch))
            {
                var outcome = await EventBatches.PostAsync(clients[batch.Index % clients.Count], batch.Body);
                Interlocked.Add(ref accepted, outcome.Accepted);
            }
        })));
        var seconds = stopwatch.Elapsed.TotalSeconds;

        Console.WriteLine($"silos={silos.Count} producers={producers} events={events:N0} batch={batchSize:N0}");
        Console.WriteLine($"ingest over HTTP, first sight: {accepted / seconds:N0} events/s ({accepted:N0} accepted in {seconds:N2} s)");
        clients.ForEach(c => c.Dispose());
        return accepted == events ? 0 : 1;
    }
}
