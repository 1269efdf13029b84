using System.Diagnostics;
using System.Text.Json;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// How far background re-scoring was behind when the last event was acknowledged, and how long it took to catch up:
/// a host can take events faster than it scores them, and a ring is only flagged once its component is re-scored.
/// </summary>
/// <param name="BacklogAtEnd">Components and hubs waiting to be re-scored as the last batch was acknowledged.</param>
/// <param name="CaughtUpSeconds">From then until none was waiting; the limit when <paramref name="CaughtUp"/> is false.</param>
public sealed record Rescoring(int BacklogAtEnd, double CaughtUpSeconds, bool CaughtUp)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Reads the backlog from <c>GET /v1/status</c> until it is empty or <paramref name="limit"/> has passed.</summary>
    public static async Task<Rescoring> WaitAsync(HttpClient http, TimeSpan limit, CancellationToken cancellation)
    {
        var waited = Stopwatch.StartNew();
        var atEnd = await BacklogAsync(http, cancellation);
        var backlog = atEnd;
        using var poll = new PeriodicTimer(Poll);
        while (backlog > 0 && waited.Elapsed < limit)
        {
            await poll.WaitForNextTickAsync(cancellation);
            backlog = await BacklogAsync(http, cancellation);
        }

        return new Rescoring(atEnd, backlog == 0 ? waited.Elapsed.TotalSeconds : limit.TotalSeconds, backlog == 0);
    }

    private static async Task<int> BacklogAsync(HttpClient http, CancellationToken cancellation)
    {
        using var response = await http.GetAsync("/v1/status", cancellation);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellation));
        return json.RootElement.GetProperty("rebuild_backlog").GetInt32();
    }
}
