using System.Net;
using System.Net.Sockets;

namespace Orleans.Distill.Benchmarks.EndToEnd;

/// <summary>Free loopback ports for a host's HTTP, silo and gateway listeners.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// <paramref name="count"/> ports free now and distinct: the system may offer a released port again at once, and
    /// the host refuses one port for both silo and gateway.
    /// </summary>
    public static int[] Distinct(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            ports.Add(FreePort());
        }

        return [.. ports];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
