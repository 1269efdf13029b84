namespace Orleans.Distill.Tests;

/// <summary>Waits for a condition with a deadline, checking it often; never a fixed sleep.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Runs <paramref name="assertion"/> until it passes; at the deadline its last failure is the test's failure.
    /// For state that converges in the background.
    /// </summary>
    public static async Task AssertAsync(Func<Task> assertion, TimeSpan timeout)
    {
        Exception? last = null;
        try
        {
            await WaitUntilAsync(async () =>
            {
                try
                {
                    await assertion();
                    return true;
                }
                catch (Exception e)
                {
                    last = e;
                    return false;
                }
            }, timeout, "the assertion to hold");
        }
        catch (TimeoutException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(last!);
        }
    }
}
