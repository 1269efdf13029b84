using Orleans.Distill.Cli;
using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Cli.Simulation;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Simulation;

/// <summary>simulate, then evaluate against the real host over HTTP, at small scale.</summary>
public sealed class EvaluateEndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-evaluate");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Evaluate_ScoresTheHostAgainstLabels_BesideBaselines()
    {
        var scenario = new DirectoryInfo(Path.Combine(_folder.Path, "sim"));
        await SimulateCommand.RunAsync(new SimulationOptions { Seed = 3, Accounts = 2_000 }, scenario, CancellationToken.None);
        await using var host = await HostProcess.StartAsync(_folder.Path, "--storage", "memory", "--Distill:Telemetry:Exporter", "none");

        var report = await EvaluateCommand.RunAsync(
            new EvaluationSettings(host.BaseAddress, Batch: 5_000, BaselineComponent: 10, BaselineRequests: 15_000, BaselineCapability: 0.8),
            Path.Combine(scenario.FullName, "events.ndjson"), Path.Combine(scenario.FullName, "labels.csv"), CancellationToken.None);

        var deny = report.Detectors["distill_deny"].Score;
        var plain = report.Detectors["baseline_plain_components"].Score;
        Assert.Equal(100, deny.Fraud);
        Assert.True(deny.Precision >= 0.99, $"deny precision {deny.Precision:F3}");
        Assert.True(deny.FalsePositiveRate <= 0.001, $"organic false-positive rate {deny.FalsePositiveRate:P2}");
        Assert.True(plain.FalsePositiveRate > 0.2, $"the plain-components baseline flagged only {plain.FalsePositiveRate:P2} of organic accounts");
        Assert.Equal(report.Campaigns["card_farm"].Accounts, report.Campaigns["card_farm"].Flagged);
        Assert.NotNull(report.Campaigns["card_farm"].HalfFlagged);
        Assert.Equal(["card_farm", "cgnat_ring", "residential_proxy", "slow_drip"], report.Campaigns.Keys);

        // One point per batch, in event-time order, ending with the card farm all flagged; drawn as a PNG.
        Assert.True(report.Series.Count >= 5, $"{report.Series.Count} points");
        Assert.True(report.Series.Zip(report.Series.Skip(1)).All(p => p.First.At <= p.Second.At));
        Assert.Equal(1.0, report.Series[^1].Shares["card_farm"]);
        var chart = Path.Combine(_folder.Path, "detection.png");
        DetectionChart.Write(chart, report.Series);
        var bytes = await File.ReadAllBytesAsync(chart);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.True(bytes.Length > 10_000, $"a {bytes.Length}-byte chart is too small to hold four lines");
    }
}
