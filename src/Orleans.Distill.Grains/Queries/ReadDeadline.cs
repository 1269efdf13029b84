namespace Orleans.Distill.Queries;

/// <summary>
/// One overall time budget for the graph reads of a risk check, started when its request arrives: every wait of
/// the check takes what is left of it, so waits in sequence never add up to more. A read still running when the
/// budget is spent is abandoned, not cancelled (a grain call cannot be taken back); its outcome is observed, so a
/// late failure is not reported as an unobserved task exception.
/// </summary>
public sealed class ReadDeadline
{
    private readonly TimeProvider _time;
    private readonly long _started;

    private ReadDeadline(TimeSpan budget, TimeProvider time)
    {
        Budget = budget;
        _time = time;
        _started = time.GetTimestamp();
    }

    public TimeSpan Budget { get; }

    public TimeSpan Remaining
    {
        get
        {
            var left = Budget - _time.GetElapsedTime(_started);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public static ReadDeadline Start(TimeSpan budget, TimeProvider time) => new(budget, time);

    /// <summary>
    /// Waits until every read has finished (answered or failed) or the budget is spent, whichever comes first.
    /// Never throws for a read: the caller takes the reads that completed successfully and leaves out the others.
    /// </summary>
    public async Task WaitAsync(IEnumerable<Task> reads)
    {
        var settled = Task.WhenAll(reads.Select(Observed));
        if (settled.IsCompleted)
        {
            return;
        }

        try
        {
            await settled.WaitAsync(Remaining, _time);
        }
        catch (TimeoutException)
        {
            // The budget is spent: what has not answered is left out.
        }
    }

    /// <summary>
    /// For a read the check may go on without: its failure is marked as seen (awaiting it still throws), so one that
    /// fails after the check has answered is not reported as an unobserved task exception.
    /// </summary>
    public static void Observe(Task read) => _ = Observed(read);

    /// <summary>A task that completes when <paramref name="read"/> does and never faults, having looked at its exception.</summary>
    private static Task Observed(Task read) =>
        read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
