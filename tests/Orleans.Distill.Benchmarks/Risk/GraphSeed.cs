using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Distill.Benchmarks.EndToEnd;
using Orleans.Distill.Cli.Load;

namespace Orleans.Distill.Benchmarks.Risk;

/// <summary>Puts a <see cref="RiskGraph"/> into a running host over HTTP and waits until detection has caught up with it.</summary>
public static class GraphSeed
{
    public const int Batch = 5_000;

    /// <summary>Posts every event of the graph to <c>POST /v1/events</c>, printing progress every 5 s.</summary>
    public static async Task<RiskReport.Ingest> BuildAsync(HttpClient http, RiskGraph graph)
    {
        Console.WriteLine($"Building the graph over POST /v1/events in batches of {Batch:N0}...");
        long events = 0, accepted = 0, rejected = 0;
        string? firstRejection = null;
        var posting = TimeSpan.Zero;
        var wall = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        foreach (var batch in graph.Events().Chunk(Batch))
        {
            var body = SyntheticEvents.Body(batch);
            var started = Stopwatch.GetTimestamp();
            var outcome = await EventBatches.PostAsync(http, body);
            posting += Stopwatch.GetElapsedTime(started);
            events += batch.Length;
            accepted += outcome.Accepted;
            rejected += outcome.Rejected;
            firstRejection ??= outcome.FirstError;
            if (wall.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = wall.Elapsed;
                Console.WriteLine($"  {events,12:N0} events  {wall.Elapsed.TotalSeconds,7:N1} s  {events / posting.TotalSeconds,10:N0} events/s");
            }
        }

        Console.WriteLine($"  {events,12:N0} events  {wall.Elapsed.TotalSeconds,7:N1} s  {events / posting.TotalSeconds,10:N0} events/s  (done)");
        if (firstRejection is not null)
        {
            Console.WriteLine($"  {rejected:N0} events rejected; first: {firstRejection}");
        }

        return new RiskReport.Ingest(events, accepted, rejected, posting.TotalSeconds, wall.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Waits until <c>GET /v1/status</c> shows no rebuild backlog: components changed by the ingest and not yet
    /// re-scored would otherwise be scored during the measured runs. Answers the seconds waited.
    /// </summary>
    public static async Task<double> WaitForDetectionAsync(HttpClient http, TimeSpan limit)
    {
        var caughtUp = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (caughtUp.Elapsed < limit &&
               (await http.GetFromJsonAsync<JsonElement>("/v1/status")).GetProperty("rebuild_backlog").GetInt32() > 0)
        {
            await poll.WaitForNextTickAsync();
        }

        return caughtUp.Elapsed.TotalSeconds;
    }
}
