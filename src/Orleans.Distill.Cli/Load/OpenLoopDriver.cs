using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// Sends requests at a fixed rate whatever the server does: request i is due at start + i / rate and its latency
/// runs from that moment, not from when it was actually sent. A closed loop would wait for slow responses before
/// sending more and so hide the very stalls a signup flow would feel (coordinated omission).
/// </summary>
public sealed class OpenLoopDriver(HttpClient http)
{
    public const string Error = "error";

    /// <summary>A client that never makes a due request wait for a free connection in normal operation.</summary>
    public static HttpClient CreateClient(Uri address, int maxConnections, TimeSpan timeout) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = address,
            Timeout = timeout,
        };

    /// <param name="outcomeOf">Names a 2xx response's outcome (for example its decision); null counts it as "ok".</param>
    public async Task<LoadResult> RunAsync(
        string name, double rate, TimeSpan duration, Func<PlannedRequest> next, Func<byte[], string?>? outcomeOf = null)
    {
        var result = new LoadResult(name, rate, duration);
        var total = (long)Math.Round(rate * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / rate;
        var pending = 1; // the scheduler's own hold, released when every request has been sent
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A thread of its own: a scheduler on the thread pool would send late whenever the host keeps the pool busy.
        var scheduler = new Thread(() =>
        {
            try
            {
                var start = Stopwatch.GetTimestamp();
                result.StartTimestamp = start;
                for (long i = 0; i < total; i++)
                {
                    var intended = start + (long)(i * interval);
                    PreciseSleep.Until(intended);
                    var request = next();
                    result.Dispatched(Stopwatch.GetTimestamp() - intended);
                    Interlocked.Increment(ref pending);
                    _ = SendThenReleaseAsync(request, intended);
                }

                if (Interlocked.Decrement(ref pending) == 0)
                {
                    drained.TrySetResult();
                }
            }
            catch (Exception e)
            {
                drained.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "open-loop scheduler",
            Priority = ThreadPriority.AboveNormal,
        };
        scheduler.Start();
        await drained.Task;
        return result;

        // Called on the scheduler thread: it writes the request before it yields, so the send is not queued behind
        // the thread pool's other work.
        async Task SendThenReleaseAsync(PlannedRequest request, long intended)
        {
            await SendAsync(request, intended, result, outcomeOf);
            if (Interlocked.Decrement(ref pending) == 0)
            {
                drained.TrySetResult();
            }
        }
    }

    private async Task SendAsync(PlannedRequest planned, long intended, LoadResult result, Func<byte[], string?>? outcomeOf)
    {
        string outcome;
        string? error = null;
        try
        {
            using var message = new HttpRequestMessage(planned.Method, planned.Path);
            if (planned.JsonBody is { } body)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            var content = await response.Content.ReadAsByteArrayAsync();
            if (response.IsSuccessStatusCode)
            {
                outcome = outcomeOf?.Invoke(content) ?? "ok";
            }
            else
            {
                outcome = Error;
                error = $"HTTP {(int)response.StatusCode} {response.StatusCode}";
            }
        }
        catch (Exception e)
        {
            // Every failure is an outcome to count, never a reason to stop the load.
            outcome = Error;
            error = e is TaskCanceledException ? "timeout" : e.GetType().Name + ": " + e.Message;
        }

        result.Finished(planned.Kind, intended, outcome, error);
    }
}
