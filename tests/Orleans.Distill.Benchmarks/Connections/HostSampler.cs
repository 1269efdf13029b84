using System.Diagnostics;
using Orleans.Distill.Benchmarks.EndToEnd;
using Orleans.Distill.Cli.Load;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>Samples the host once a second while a phase is measured: the connections it holds, its memory, its CPU.</summary>
/// <param name="admin">A client of its own (one connection, admin key) for <c>GET /v1/status</c>.</param>
public sealed class HostSampler(IBenchHost host, HttpClient admin)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public int Port => host.Address.Port;

    /// <summary>Samples from <paramref name="from"/> until <paramref name="until"/> (<see cref="Stopwatch"/> timestamps).</summary>
    public async Task<PhaseSamples> RunAsync(long from, long until)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), from);
        if (wait > TimeSpan.Zero)
        {
            // The warm-up's length, not a stand-in for a signal: the window opens at a fixed time.
            await Task.Delay(wait);
        }

        var bench = Process.GetCurrentProcess();
        var hostCpu = CpuOf(host.Process);
        var benchCpu = CpuOf(bench);
        var started = Stopwatch.GetTimestamp();
        int count = 0, heldMin = int.MaxValue, heldMax = -1, queuedMax = -1, statusFailures = 0;
        long workingSetMax = 0, gcHeapMax = 0;
        using var tick = new PeriodicTimer(Interval);
        do
        {
            count++;
            if (SocketCensus.Take(Port) is { } census)
            {
                heldMin = Math.Min(heldMin, census.Accepted);
                heldMax = Math.Max(heldMax, census.Accepted);
                queuedMax = Math.Max(queuedMax, census.Queued);
            }

            if (await ReadMemoryAsync() is { } memory)
            {
                workingSetMax = Math.Max(workingSetMax, memory.WorkingSetBytes);
                gcHeapMax = Math.Max(gcHeapMax, memory.GcHeapBytes);
            }
            else
            {
                statusFailures++;
            }
        }
        while (Stopwatch.GetTimestamp() < until && await tick.WaitForNextTickAsync());

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new PhaseSamples(count, heldMin == int.MaxValue ? -1 : heldMin, heldMax, queuedMax,
            workingSetMax, gcHeapMax, (CpuOf(host.Process) - hostCpu).TotalSeconds / seconds, (CpuOf(bench) - benchCpu).TotalSeconds / seconds,
            LoadAverage(), statusFailures);
    }

    /// <summary>The host's memory now; null when <c>GET /v1/status</c> did not answer in time.</summary>
    public async Task<HostMemory?> ReadMemoryAsync()
    {
        try
        {
            return await HostMemory.ReadAsync(admin, CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the host holds at most <paramref name="atMost"/> connections, so that a phase starts without the
    /// last one's sockets still closing; answers the census it stopped at (null where it cannot be read).
    /// </summary>
    public async Task<SocketCensus?> WaitForClosedAsync(int atMost, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var census = SocketCensus.Take(Port);
        while (census is not null && census.Accepted + census.Queued > atMost && waited.Elapsed < limit && await poll.WaitForNextTickAsync())
        {
            census = SocketCensus.Take(Port);
        }

        return census;
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? File.ReadAllText(path).Split(' ')[0] : "-";
    }

    private static TimeSpan CpuOf(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
