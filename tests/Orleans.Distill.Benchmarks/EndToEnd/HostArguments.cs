namespace Orleans.Distill.Benchmarks.EndToEnd;

/// <summary>The command line every bench gives the host, whether it runs in the bench process or in its own.</summary>
public static class HostArguments
{
    public static string[] For(string url, string data, int siloPort, int gatewayPort, string storage, string synchronous, IEnumerable<string> extra) =>
    [
        "--urls", url, "--data", data, "--storage", storage,
        "--silo-port", siloPort.ToString(), "--gateway-port", gatewayPort.ToString(),
        "--Distill:Storage:Synchronous=" + synchronous,
        // The host's information lines (storage opened, components split) and the console exporter's periodic
        // metric dumps would interleave with the tables.
        "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans.Distill=Warning",
        "--Distill:Telemetry:Exporter=none",
        .. extra,
    ];
}
