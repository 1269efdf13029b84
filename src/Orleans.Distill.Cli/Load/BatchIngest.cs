using System.Diagnostics;
using System.Text;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// Posts NDJSON lines to <c>POST /v1/events</c> in batches from a few concurrent producers, as a fleet of
/// collectors would; either as fast as the host takes them, or paced so they spread over a given time.
/// </summary>
public static class BatchIngest
{
    /// <param name="spread">Zero for as fast as possible; otherwise batch i is not posted before start + i × spread / batches.</param>
    /// <param name="posted">Called with the number of events of each batch the host answered.</param>
    public static async Task<IngestFigures> RunAsync(
        HttpClient http, IReadOnlyList<string> lines, int batchSize, int producers, TimeSpan spread, Action<int> posted, CancellationToken cancellation)
    {
        var batches = lines.Chunk(batchSize).ToArray();
        long accepted = 0, rejected = 0, duplicates = 0;
        string? firstRejection = null;
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < batches.Length; i = Interlocked.Increment(ref next))
            {
                var due = spread * i / batches.Length - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellation);
                }

                var outcome = await EventBatches.PostAsync(http, Encoding.UTF8.GetBytes(string.Join('\n', batches[i])), cancellation);
                Interlocked.Add(ref accepted, outcome.Accepted);
                Interlocked.Add(ref rejected, outcome.Rejected);
                Interlocked.Add(ref duplicates, outcome.Duplicates);
                Interlocked.CompareExchange(ref firstRejection, outcome.FirstError, null);
                posted(batches[i].Length);
            }
        }, cancellation)));
        return new IngestFigures(lines.Count, accepted, rejected, duplicates, Stopwatch.GetElapsedTime(start).TotalSeconds, firstRejection);
    }
}

/// <summary>What the host made of a run of batches. <see cref="Accepted"/> counts re-sent (duplicate) events too.</summary>
public sealed record IngestFigures(long Events, long Accepted, long Rejected, long Duplicates, double Seconds, string? FirstRejection)
{
    public double EventsPerSecond => Events / Math.Max(1e-9, Seconds);
}
