using System.Diagnostics;
using System.Globalization;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// The operating system's limits on how many connections one machine can hold (Linux; elsewhere unknown): open files
/// per process (every socket is one, on each side), the listen backlog cap and the client's ephemeral ports.
/// </summary>
public static class SystemLimits
{
    /// <summary>
    /// A process's limit on open files and how many it has open now. The .NET runtime raises its soft limit to the
    /// hard one as it starts, so <c>ulimit -Hn</c>, not <c>ulimit -n</c>, is what binds a .NET process.
    /// </summary>
    public sealed record OpenFiles(long Limit, int Open)
    {
        public long Room => Limit - Open;
    }

    public static OpenFiles? OpenFilesOf(Process process)
    {
        var limits = $"/proc/{process.Id}/limits";
        var fds = $"/proc/{process.Id}/fd";
        if (!File.Exists(limits) || !Directory.Exists(fds))
        {
            return null;
        }

        var line = File.ReadLines(limits).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        if (soft is null || !long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            limit = long.MaxValue; // "unlimited"
        }

        return new OpenFiles(limit, Directory.EnumerateFileSystemEntries(fds).Count());
    }

    /// <summary>net.core.somaxconn: the kernel caps every listen backlog at it.</summary>
    public static int? ListenBacklogCap() => ReadInts("/proc/sys/net/core/somaxconn")?[0];

    /// <summary>How many local ports a client may connect from (net.ipv4.ip_local_port_range), to one server address and port.</summary>
    public static int? EphemeralPorts() => ReadInts("/proc/sys/net/ipv4/ip_local_port_range") is [var low, var high] ? high - low + 1 : null;

    private static int[]? ReadInts(string path) => File.Exists(path)
        ? [.. File.ReadAllText(path).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture))]
        : null;
}
