using System.Text.Json;
using Orleans.Distill.Cli;
using Orleans.Distill.Cli.Simulation;
using Orleans.Distill.Tests.Host;

namespace Orleans.Distill.Tests.Simulation;

/// <summary>simulate, then load against the real host with durable storage, as a user runs them. Writes to the console.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LoadEndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new("distill-load");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Load_MeasuresIngestRiskAndMemory_BesideBaselines()
    {
        var scenario = Path.Combine(_folder.Path, "sim");
        var results = Path.Combine(_folder.Path, "results");
        var written = await SimulateCommand.RunAsync(new SimulationOptions { Seed = 3, Accounts = 1_000 }, new DirectoryInfo(scenario), CancellationToken.None);
        await using var host = await HostProcess.StartAsync(_folder.Path, "--storage", "sqlite", "--Distill:Telemetry:Exporter", "none");

        var (exit, error) = await DistillTool.RunAsync(
            "load", "--url", host.BaseAddress.ToString(), "--gateway", $"127.0.0.1:{host.GatewayPort}", "--in", scenario, "--out", results,
            "--batch", "1000", "--rate", "100", "--seconds", "3");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{host.Output}");
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(results, "load.json")));
        var report = json.RootElement;

        var ingest = report.GetProperty("ingest");
        var background = report.GetProperty("background_ingest");
        Assert.Equal(written.Events, report.GetProperty("events").GetInt32());
        Assert.Equal(written.Events, ingest.GetProperty("accepted").GetInt64() + background.GetProperty("accepted").GetInt64());
        Assert.Equal(0, ingest.GetProperty("rejected").GetInt64() + background.GetProperty("rejected").GetInt64());
        Assert.True(ingest.GetProperty("events_per_second").GetDouble() > 0);

        // Nothing acknowledged is left unscored: re-scoring caught up once the events stopped.
        var rescoring = report.GetProperty("rescoring");
        Assert.True(rescoring.GetProperty("caught_up").GetBoolean(), $"re-scoring still behind: {rescoring}");
        Assert.True(rescoring.GetProperty("backlog_at_end").GetInt32() >= 0);
        Assert.InRange(rescoring.GetProperty("caught_up_seconds").GetDouble(), 0, 600);

        foreach (var name in new[] { "risk", "health_under_load" })
        {
            var run = report.GetProperty(name);
            Assert.Equal(300, run.GetProperty("sent").GetInt64());
            Assert.Equal(0, run.GetProperty("errors").GetInt64());
            var (p50, p99, p999) = (run.GetProperty("p50_ms").GetDouble(), run.GetProperty("p99_ms").GetDouble(), run.GetProperty("p999_ms").GetDouble());
            Assert.True(p50 > 0 && p50 <= p99 && p99 <= p999, $"{name}: p50 {p50}, p99 {p99}, p99.9 {p999}");
        }

        var decisions = report.GetProperty("risk").GetProperty("outcomes").EnumerateObject().Select(o => o.Name).ToList();
        Assert.Subset(new HashSet<string> { "allow", "review", "deny" }, decisions.ToHashSet());

        var baselines = report.GetProperty("baselines");
        Assert.True(baselines.GetProperty("no_op_grain_calls_per_second").GetDouble() > 0);
        Assert.True(baselines.GetProperty("union_find_links_per_second").GetDouble() > 0);
        Assert.Equal(0, baselines.GetProperty("health_idle").GetProperty("errors").GetInt64());
        Assert.True(baselines.GetProperty("health_idle").GetProperty("p50_ms").GetDouble() > 0);

        var comparisons = report.GetProperty("comparisons").EnumerateArray().ToList();
        Assert.Equal(12, comparisons.Count);
        Assert.All(comparisons, c => Assert.True(
            c.GetProperty("ratio").ValueKind == JsonValueKind.Number && c.GetProperty("ratio").GetDouble() > 0,
            $"{c.GetProperty("measure").GetString()} ({c.GetProperty("unit").GetString()}) has no ratio"));

        var memory = report.GetProperty("memory");
        Assert.True(memory.GetProperty("peak_bytes_per_million_accounts").GetDouble() > 0);
        Assert.True(memory.GetProperty("after").GetProperty("peak_working_set_bytes").GetInt64() >= memory.GetProperty("before").GetProperty("working_set_bytes").GetInt64());
    }
}
