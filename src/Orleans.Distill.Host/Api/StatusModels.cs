using System.Diagnostics;

namespace Orleans.Distill.Host.Api;

/// <summary><c>GET /v1/status</c>: how far detection lags ingestion, and what the process holds.</summary>
public sealed record StatusResponse(int RebuildBacklog, ProcessModel Process);

/// <summary>
/// The host's memory, so a load run can report bytes per account from outside the process. The peak is the
/// operating system's high-water mark (VmHWM on Linux), which catches spikes between two polls.
/// </summary>
public sealed record ProcessModel(long WorkingSetBytes, long PeakWorkingSetBytes, long GcHeapBytes)
{
    public static ProcessModel Current()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessModel(process.WorkingSet64, process.PeakWorkingSet64, GC.GetGCMemoryInfo().HeapSizeBytes);
    }
}
