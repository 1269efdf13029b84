using System.Globalization;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// The kernel's own count of TCP connections to the host's HTTP port, from <c>/proc/net/tcp</c> and <c>tcp6</c>
/// (Linux): what the server really holds, whatever either side believes. An established connection the server has
/// not yet accepted has no socket file, so its inode reads 0.
/// </summary>
/// <param name="Accepted">Established and accepted by the host: a socket it holds open.</param>
/// <param name="Queued">Established by the kernel, waiting in the accept queue for the host to take.</param>
public sealed record SocketCensus(int Accepted, int Queued)
{
    private const string Established = "01";

    private static readonly string[] Tables = ["/proc/net/tcp", "/proc/net/tcp6"];

    public static bool Available => File.Exists(Tables[0]);

    /// <summary>Null where <c>/proc/net/tcp</c> does not exist.</summary>
    public static SocketCensus? Take(int port)
    {
        if (!Available)
        {
            return null;
        }

        int accepted = 0, queued = 0;
        foreach (var table in Tables.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10)
                {
                    continue;
                }

                if (fields[3] != Established || PortOf(fields[1]) != port)
                {
                    continue;
                }

                if (fields[9] == "0")
                {
                    queued++;
                }
                else
                {
                    accepted++;
                }
            }
        }

        return new SocketCensus(accepted, queued);
    }

    private static int PortOf(string address) =>
        int.Parse(address.AsSpan(address.LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
