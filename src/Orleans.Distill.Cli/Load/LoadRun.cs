using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// The phases of <c>load</c> against a running host: baselines on an idle host, then the first half of the events
/// as fast as it takes them, then the risk check at a fixed rate while the second half arrives, then how long
/// background re-scoring takes to catch up, then the in-memory union-find over the same links, then the host's memory.
/// </summary>
public static class LoadRun
{
    /// <summary>Enough connections that a due request never waits for one while the host keeps up.</summary>
    private const int MaxConnections = 512;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Several batches a second in the background, so the graph changes throughout the measurement, not in bursts.</summary>
    private const double BackgroundBatchesPerSecond = 10;

    public static async Task<LoadReport> RunAsync(LoadSettings settings, Scenario scenario, IGrainFactory grains, HostMemory before, CancellationToken cancellation)
    {
        using var ingestHttp = new HttpClient { BaseAddress = settings.Url, Timeout = TimeSpan.FromMinutes(5) };
        using var healthHttp = OpenLoopDriver.CreateClient(settings.Url, MaxConnections, RequestTimeout);
        using var riskHttp = OpenLoopDriver.CreateClient(settings.Url, MaxConnections, RequestTimeout);
        var healthDriver = new OpenLoopDriver(healthHttp);
        var riskDriver = new OpenLoopDriver(riskHttp);
        var health = new PlannedRequest(HttpMethod.Get, "/health", null, "health");
        var duration = TimeSpan.FromSeconds(settings.Seconds);

        // Unrecorded warm-ups: the JIT, connection pools and grain activations would otherwise land in the first figures.
        var warmUp = TimeSpan.FromSeconds(Math.Min(2, settings.Seconds));
        AnsiConsole.MarkupLineInterpolated($"baseline: no-op grain calls through the gateway at {settings.Gateway}");
        await NoOpGrainCalls.PerSecondAsync(grains, TimeSpan.FromSeconds(1));
        var noOp = await NoOpGrainCalls.PerSecondAsync(grains, TimeSpan.FromSeconds(3));
        var idleDuration = TimeSpan.FromSeconds(Math.Min(5, settings.Seconds));
        AnsiConsole.MarkupLineInterpolated($"baseline: GET /health at {settings.Rate:N0}/s for {idleDuration.TotalSeconds:N0} s on the idle host");
        await healthDriver.RunAsync("warm-up", settings.Rate, warmUp, () => health);
        var healthIdle = await healthDriver.RunAsync("GET /health, idle", settings.Rate, idleDuration, () => health);

        var half = scenario.Lines.Length / 2;
        var first = scenario.Lines[..half];
        var rest = scenario.Lines[half..];
        var signups = new ScenarioSignups(scenario, seed: 1);
        IngestFigures fast = null!, background = null!;
        LoadResult risk = null!, healthUnderLoad = null!;
        var machine = "";
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var fastTask = progress.AddTask($"ingest {first.Length:N0} events, {settings.Producers} producers", maxValue: Math.Max(1, first.Length));
            fast = await BatchIngest.RunAsync(ingestHttp, first, settings.Batch, settings.Producers, TimeSpan.Zero, n => fastTask.Increment(n), cancellation);
            fastTask.Value = fastTask.MaxValue;

            await riskDriver.RunAsync("warm-up", settings.Rate, warmUp, signups.Next, DecisionOf);
            var backgroundTask = progress.AddTask($"ingest {rest.Length:N0} events over {settings.Seconds:N0} s", maxValue: Math.Max(1, rest.Length));
            var measureTask = progress.AddTask($"risk checks and /health at {settings.Rate:N0}/s each", maxValue: settings.Seconds);
            var backgroundBatch = (int)Math.Clamp(Math.Ceiling(rest.Length / (settings.Seconds * BackgroundBatchesPerSecond)), 1, settings.Batch);
            var backgroundRun = BatchIngest.RunAsync(ingestHttp, rest, backgroundBatch, settings.Producers, duration, n => backgroundTask.Increment(n), cancellation);

            machine = MachineLoad.Describe();

            // Side by side, so the baseline shares every condition of the risk check: the same ingest, the same moment.
            var started = Stopwatch.StartNew();
            var riskRun = riskDriver.RunAsync("POST /v1/risk/signup", settings.Rate, duration, signups.Next, DecisionOf);
            var healthRun = healthDriver.RunAsync("GET /health, under load", settings.Rate, duration, () => health);
            var measured = Task.WhenAll(riskRun, healthRun);
            while (await Task.WhenAny(measured, Task.Delay(250, cancellation)) != measured)
            {
                measureTask.Value = Math.Min(settings.Seconds, started.Elapsed.TotalSeconds);
            }

            measureTask.Value = measureTask.MaxValue;
            (risk, healthUnderLoad) = (await riskRun, await healthRun);
            background = await backgroundRun;
            backgroundTask.Value = backgroundTask.MaxValue;
        });

        AnsiConsole.MarkupLine("re-scoring: waiting until no component is left to re-score");
        var rescoring = await Rescoring.WaitAsync(ingestHttp, TimeSpan.FromSeconds(settings.CatchUpSeconds), cancellation);

        AnsiConsole.MarkupLine("baseline: in-memory union-find over the same links");
        var links = UnionFindBaseline.Links(scenario.Events);
        var unionFind = UnionFindBaseline.LinksPerSecond(links);
        var forestBytes = UnionFindBaseline.ForestBytes(scenario.Events);
        var ingestLinks = UnionFindBaseline.Links(scenario.Events.Take(half)).Count / Math.Max(1e-9, fast.Seconds);
        var after = await HostMemory.ReadAsync(ingestHttp, cancellation);

        var accounts = scenario.Labels.Count;
        var memory = new LoadMemory(
            before,
            after,
            PerMillion(after.PeakWorkingSetBytes, accounts),
            PerMillion(after.PeakWorkingSetBytes - before.WorkingSetBytes, accounts),
            PerMillion(forestBytes, accounts));
        var riskSummary = LatencySummary.Of(risk);
        var underLoad = LatencySummary.Of(healthUnderLoad);
        var idle = LatencySummary.Of(healthIdle);
        return new LoadReport(
            new LoadRunSettings(settings.Url.ToString(), settings.Gateway.ToString(), settings.Batch, settings.Producers, settings.Rate, settings.Seconds, settings.CatchUpSeconds),
            machine,
            accounts,
            scenario.Lines.Length,
            links.Count,
            fast,
            ingestLinks,
            background,
            rescoring,
            riskSummary,
            underLoad,
            new LoadBaselines(noOp, idle, unionFind, forestBytes),
            memory,
            Compare(fast, ingestLinks, noOp, unionFind, riskSummary, underLoad, idle, memory));
    }

    private static List<Comparison> Compare(
        IngestFigures ingest, double ingestLinks, double noOp, double unionFind,
        LatencySummary risk, LatencySummary underLoad, LatencySummary idle, LoadMemory memory)
    {
        const string sameLoad = "/health, same time";
        const string idleHealth = "/health, idle host";
        const string forest = "union-find in memory";
        return
        [
            Comparison.Of("ingest, events", "/s", ingest.EventsPerSecond, "no-op grain calls", noOp),
            Comparison.Of("ingest, links", "/s", ingestLinks, forest, unionFind),
            Comparison.Of("risk p50", "ms", risk.P50Ms, sameLoad, underLoad.P50Ms),
            Comparison.Of("risk p90", "ms", risk.P90Ms, sameLoad, underLoad.P90Ms),
            Comparison.Of("risk p99", "ms", risk.P99Ms, sameLoad, underLoad.P99Ms),
            Comparison.Of("risk p99.9", "ms", risk.P999Ms, sameLoad, underLoad.P999Ms),
            Comparison.Of("risk max", "ms", risk.MaxMs, sameLoad, underLoad.MaxMs),
            Comparison.Of("/health, ingesting, p50", "ms", underLoad.P50Ms, idleHealth, idle.P50Ms),
            Comparison.Of("/health, ingesting, p99", "ms", underLoad.P99Ms, idleHealth, idle.P99Ms),
            Comparison.Of("/health, ingesting, p99.9", "ms", underLoad.P999Ms, idleHealth, idle.P999Ms),
            Comparison.Of("peak memory / 1M accounts", "bytes", memory.PeakBytesPerMillionAccounts, forest, memory.UnionFindBytesPerMillionAccounts),
            Comparison.Of("added memory / 1M accounts", "bytes", memory.AddedBytesPerMillionAccounts, forest, memory.UnionFindBytesPerMillionAccounts),
        ];
    }

    private static double PerMillion(long bytes, int accounts) => bytes * 1_000_000.0 / Math.Max(1, accounts);

    private static string? DecisionOf(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("decision", out var decision) ? decision.GetString() : "no decision";
    }
}
