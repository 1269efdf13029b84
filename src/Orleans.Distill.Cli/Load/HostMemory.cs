using System.Text.Json;

namespace Orleans.Distill.Cli.Load;

/// <summary>The host's own memory figures, from the <c>process</c> object of <c>GET /v1/status</c>.</summary>
public sealed record HostMemory(long WorkingSetBytes, long PeakWorkingSetBytes, long GcHeapBytes)
{
    /// <summary>Throws InvalidOperationException when the host does not report its memory (a host older than this tool).</summary>
    public static async Task<HostMemory> ReadAsync(HttpClient http, CancellationToken cancellation)
    {
        using var response = await http.GetAsync("/v1/status", cancellation);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellation));
        if (!json.RootElement.TryGetProperty("process", out var process))
        {
            throw new InvalidOperationException("GET /v1/status has no process figures: the host predates the load command");
        }

        return new HostMemory(
            process.GetProperty("working_set_bytes").GetInt64(),
            process.GetProperty("peak_working_set_bytes").GetInt64(),
            process.GetProperty("gc_heap_bytes").GetInt64());
    }
}
