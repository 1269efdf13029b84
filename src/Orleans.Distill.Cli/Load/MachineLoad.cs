namespace Orleans.Distill.Cli.Load;

/// <summary>The machine's cores and 1-minute load average (Linux): other processes on the machine skew latencies.</summary>
public static class MachineLoad
{
    public static string Describe()
    {
        const string loadAverage = "/proc/loadavg";
        var load = File.Exists(loadAverage) ? File.ReadAllText(loadAverage).Split(' ')[0] : "n/a";
        return $"{Environment.ProcessorCount} cores, load average {load}";
    }
}
