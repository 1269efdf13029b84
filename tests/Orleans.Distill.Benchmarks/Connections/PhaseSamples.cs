namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// The host as seen once a second through a measured window: connections from the kernel's tables (-1 where they
/// cannot be read), memory from <c>GET /v1/status</c>, CPU from the operating system.
/// </summary>
/// <param name="HeldMin">Fewest connections the host held (accepted, established) at any sample.</param>
/// <param name="HeldMax">Most connections the host held at any sample.</param>
/// <param name="QueuedMax">Most established connections waiting for the host to accept them.</param>
/// <param name="HostCores">CPU the host's process used over the window, in cores.</param>
/// <param name="BenchCores">CPU the bench's process used over the window, in cores (the same figure as the host's when they share one).</param>
/// <param name="LoadAverage">The machine's 1-minute load average as the window closed: other processes take cores from both.</param>
/// <param name="StatusFailures">Samples whose <c>GET /v1/status</c> failed or timed out: their memory is missing from the maxima.</param>
public sealed record PhaseSamples(
    int Count,
    int HeldMin,
    int HeldMax,
    int QueuedMax,
    long WorkingSetMax,
    long GcHeapMax,
    double HostCores,
    double BenchCores,
    string LoadAverage,
    int StatusFailures);
