namespace Orleans.Distill.Cli.Load;

/// <summary>Everything a load run measured; written as <c>load.json</c>.</summary>
/// <param name="Ingest">The first half of the events, as fast as the host takes them.</param>
/// <param name="BackgroundIngest">The second half, spread over the risk check's measurement.</param>
/// <param name="Machine">Cores and load average as the risk check began: other processes on the machine skew every latency.</param>
/// <param name="HealthUnderLoad"><c>GET /health</c> at the same rate and time as <see cref="Risk"/>: its baseline.</param>
public sealed record LoadReport(
    LoadRunSettings Settings,
    string Machine,
    int Accounts,
    int Events,
    int Links,
    IngestFigures Ingest,
    double IngestLinksPerSecond,
    IngestFigures BackgroundIngest,
    Rescoring Rescoring,
    LatencySummary Risk,
    LatencySummary HealthUnderLoad,
    LoadBaselines Baselines,
    LoadMemory Memory,
    IReadOnlyList<Comparison> Comparisons);

public sealed record LoadRunSettings(string Url, string Gateway, int Batch, int Producers, double Rate, double Seconds, double CatchUpSeconds);

/// <param name="HealthIdle"><c>GET /health</c> at the same rate before any event is posted: the HTTP stack alone.</param>
/// <param name="UnionFindBytes">What an in-memory union-find over every link of the scenario keeps alive.</param>
public sealed record LoadBaselines(double NoOpGrainCallsPerSecond, LatencySummary HealthIdle, double UnionFindLinksPerSecond, long UnionFindBytes);

/// <param name="Before">The host's figures before the run; if it held data already, so do they.</param>
/// <param name="After">The host's figures after the run; its peak is the high-water mark of the whole process life.</param>
/// <param name="AddedBytesPerMillionAccounts">Peak minus the working set before the run: the runtime's fixed cost left out.</param>
public sealed record LoadMemory(
    HostMemory Before,
    HostMemory After,
    double PeakBytesPerMillionAccounts,
    double AddedBytesPerMillionAccounts,
    double UnionFindBytesPerMillionAccounts);
