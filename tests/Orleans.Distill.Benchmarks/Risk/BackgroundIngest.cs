using System.Diagnostics;
using System.Text;
using Orleans.Distill.Cli.Load;

namespace Orleans.Distill.Benchmarks.Risk;

/// <summary>
/// Keeps fresh usage on known accounts flowing into <c>POST /v1/events</c> at a steady rate, in batches of 500,
/// so the risk check is measured while the graph is being written, as it would be in production.
/// </summary>
public sealed class BackgroundIngest(HttpClient http, RiskGraph graph, double eventsPerSecond)
{
    public const int BatchSize = 500;

    // A few batches in flight let the stream catch up after a slow commit without becoming a flood.
    private const int MaxInFlight = 4;

    private long _accepted;
    private long _failedBatches;
    private string? _firstError;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    public string? FirstError => _firstError;

    public double Seconds { get; private set; }

    public double AchievedRate => Accepted / Math.Max(1e-9, Seconds);

    public async Task RunAsync(CancellationToken stop)
    {
        var random = new Random(7);
        var interval = Stopwatch.Frequency * (double)BatchSize / eventsPerSecond;
        var slots = new SemaphoreSlim(MaxInFlight);
        var start = Stopwatch.GetTimestamp();
        var sending = new List<Task>();
        try
        {
            for (long batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(batch * interval));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop);
                }

                var lines = new StringBuilder(BatchSize * 200);
                for (var i = 0; i < BatchSize; i++)
                {
                    lines.Append(graph.FreshUsage(batch * BatchSize + i, random)).Append('\n');
                }

                await slots.WaitAsync(stop);
                sending.RemoveAll(t => t.IsCompleted);
                sending.Add(PostAsync(Encoding.UTF8.GetBytes(lines.ToString()), slots));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The load is over; what is in flight still counts.
        }

        await Task.WhenAll(sending);
        Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private async Task PostAsync(byte[] body, SemaphoreSlim slots)
    {
        try
        {
            var outcome = await EventBatches.PostAsync(http, body);
            Interlocked.Add(ref _accepted, outcome.Accepted);
            if (outcome.FirstError is { } rejected)
            {
                Interlocked.CompareExchange(ref _firstError, rejected, null);
            }
        }
        catch (Exception e)
        {
            // Counted and shown in the report; the risk load goes on.
            Interlocked.Increment(ref _failedBatches);
            Interlocked.CompareExchange(ref _firstError, e.GetType().Name + ": " + e.Message, null);
        }
        finally
        {
            slots.Release();
        }
    }
}
