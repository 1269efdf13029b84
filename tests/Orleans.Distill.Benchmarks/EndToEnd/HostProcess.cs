using System.Diagnostics;
using System.Net;
using Orleans.Distill.Host.Hosting;

namespace Orleans.Distill.Benchmarks.EndToEnd;

/// <summary>
/// The real host executable started as a process of its own on loopback ports, with its data in a temporary folder
/// that disposing deletes. Its memory, CPU and open files are then its own, apart from the bench's.
/// </summary>
public sealed class HostProcess : IBenchHost
{
    private readonly string _data;

    private HostProcess(Process process, string data, Uri address, HostLog log)
    {
        Process = process;
        _data = data;
        Address = address;
        Log = log;
    }

    public Uri Address { get; }

    public Process Process { get; }

    public bool SharesBenchProcess => false;

    public HostLog Log { get; }

    /// <summary>
    /// Starts the host. A port found free can be taken by another process before the host binds it; then the host
    /// exits at once and is started again on other ports.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string storage, string synchronous, IReadOnlyList<string> extra)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(storage, synchronous, extra);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async Task<HostProcess> StartOnceAsync(string storage, string synchronous, IReadOnlyList<string> extra)
    {
        var data = Path.Combine(Path.GetTempPath(), "distill-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var ports = LoopbackPorts.Distinct(3);
        var address = new Uri($"http://127.0.0.1:{ports[0]}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(DistillHost).Assembly.Location);
        foreach (var arg in HostArguments.For(address.ToString(), data, ports[1], ports[2], storage, synchronous, extra))
        {
            start.ArgumentList.Add(arg);
        }

        var log = new HostLog();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, data, address, log);
        try
        {
            await host.WaitUntilServingAsync(TimeSpan.FromSeconds(90));
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }

            Process.Dispose();
        }
        finally
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {Process.ExitCode}:\n{Log.Head}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await poll.WaitForNextTickAsync();
        }

        throw new TimeoutException($"The host did not answer GET /health within {limit.TotalSeconds:N0} s:\n{Log.Head}");
    }
}
