using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Distill.Cli.Load;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Benchmarks.EndToEnd;

/// <summary>
/// Starts the embedded host (durable SQLite storage) on a loopback port, posts a generated stream over
/// HTTP, and prints the ingest rate beside two baselines measured in the same run: a no-op grain call
/// and an in-memory union-find over the same links.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(int events, int batchSize, string storage, string synchronous)
    {
        await using var host = await InProcessHost.StartAsync(storage, synchronous);
        using var http = host.CreateClient(TimeSpan.FromMinutes(10));

        Console.WriteLine($"Generating {events:N0} events...");
        var lines = SyntheticEvents.Generate(events, seed: 42);
        var bodies = lines.Chunk(batchSize).Select(SyntheticEvents.Body).ToList();
        var links = ParseLinks(lines);

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await NoOpGrainCalls.PerSecondAsync(grains, TimeSpan.FromSeconds(0.5)); // warm-up
        var noOp = await NoOpGrainCalls.PerSecondAsync(grains, TimeSpan.FromSeconds(3));

        var ingestSeconds = await PostAllAsync(http, bodies);
        var ingestRate = events / ingestSeconds;

        // The same traffic again under new ids: every account and entity is known and active, no merges.
        // This is the steady state of a live stream, where most events are usage on known accounts.
        var warmBodies = lines.Select(l => l.Replace("\"id\":\"", "\"id\":\"w-", StringComparison.Ordinal))
            .Chunk(batchSize).Select(SyntheticEvents.Body).ToList();
        var warmSeconds = await PostAllAsync(http, warmBodies);
        var warmRate = events / warmSeconds;
        var unionFind = UnionFindBaseline.LinksPerSecond(links);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        Console.WriteLine();
        Console.WriteLine($"storage={storage} synchronous={synchronous} events={events:N0} batch={batchSize:N0} links={links.Count:N0}");
        Console.WriteLine($"{"measure",-38} {"value",16} {"ratio",10}");
        Console.WriteLine($"{"no-op grain call (baseline)",-38} {noOp,12:N0} /s {"1.00",10}");
        Console.WriteLine($"{"in-memory union-find (baseline)",-38} {unionFind,12:N0} /s");
        Console.WriteLine($"{"ingest over HTTP, first sight",-38} {ingestRate,12:N0} /s {ingestRate / noOp,10:P1} of no-op calls, {ingestRate / unionFind:P2} of union-find ({ingestSeconds:N2} s)");
        Console.WriteLine($"{"ingest over HTTP, known accounts",-38} {warmRate,12:N0} /s {warmRate / noOp,10:P1} of no-op calls ({warmSeconds:N2} s)");
        Console.WriteLine($"{"peak working set (process)",-38} {peak / (1024.0 * 1024),12:N0} MiB");
        return 0;
    }

    private static async Task<double> PostAllAsync(HttpClient http, List<byte[]> bodies)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            await EventBatches.PostAsync(http, body);
        }

        return stopwatch.Elapsed.TotalSeconds;
    }

    private static List<(string Account, string Entity)> ParseLinks(string[] lines)
    {
        var parser = new EventParser(new KeyOptions(), new IngestOptions(), TimeProvider.System);
        var batch = parser.Parse(SyntheticEvents.Body(lines));
        return UnionFindBaseline.Links(batch.Events);
    }
}
