using System.Diagnostics;

namespace Orleans.Distill.Benchmarks.EndToEnd;

/// <summary>The real host under a bench, in the bench's own process or in one of its own.</summary>
public interface IBenchHost : IAsyncDisposable
{
    Uri Address { get; }

    /// <summary>The process that serves: the bench's own for an in-process host.</summary>
    Process Process { get; }

    /// <summary>True when the host and the bench share one process, so its memory and CPU figures are of both.</summary>
    bool SharesBenchProcess { get; }

    /// <summary>Warnings and errors the host has logged, by their header line; null when they go to the bench's own console.</summary>
    HostLog? Log { get; }
}
