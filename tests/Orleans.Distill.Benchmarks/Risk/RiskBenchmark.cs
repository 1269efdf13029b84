using System.Diagnostics;
using System.Text.Json;
using Orleans.Distill.Benchmarks.EndToEnd;
using Orleans.Distill.Cli.Load;

namespace Orleans.Distill.Benchmarks.Risk;

/// <summary>
/// Latency of <c>POST /v1/risk/signup</c> under a steady open-loop load, against a graph of organic accounts and
/// rings built over HTTP in the same run, beside the same load on <c>GET /health</c> (the HTTP stack and the bench
/// itself, nothing else) so the ratio isolates what the risk check costs.
/// </summary>
public static class RiskBenchmark
{
    private const int MaxConnections = 512;

    public static async Task<int> RunAsync(RiskArguments args)
    {
        var graph = new RiskGraph(args.Accounts, seed: 42);
        Console.WriteLine($"risk bench: {graph.Accounts:N0} accounts ({graph.Organic:N0} organic, {graph.Rings} rings of {RiskGraph.RingSize}), " +
            $"load {args.Rate:N0}/s for {args.Seconds:N0} s, background ingest {(args.IngestRate > 0 ? $"{args.IngestRate:N0} events/s" : "off")}");
        Console.WriteLine("Starting the embedded host (SQLite, synchronous=FULL)...");
        await using var host = await InProcessHost.StartAsync();
        using var http = host.CreateClient(TimeSpan.FromMinutes(10));

        var ingest = await GraphSeed.BuildAsync(http, graph);
        Console.WriteLine($"Waiting for scores (GET /v1/components?by=score shows a deny for each of the {graph.Rings} rings, at most 60 s)...");
        var top = await TopComponents.WaitForDeniesAsync(http, graph.Rings, TimeSpan.FromSeconds(60));
        RiskReport.PrintTop(top, graph.Rings);

        Console.WriteLine("Waiting for detection to catch up (GET /v1/status shows no rebuild backlog, at most 10 min)...");
        Console.WriteLine($"  caught up after {await GraphSeed.WaitForDetectionAsync(http, TimeSpan.FromMinutes(10)):N0} s");
        Console.WriteLine("Waiting for the process to go idle (under 0.2 cores for 2 s, at most 60 s)...");
        var idle = await ProcessIdle.WaitAsync(host.Process, 0.2, TimeSpan.FromSeconds(60));
        Console.WriteLine(idle.Idle
            ? $"  idle after {idle.WaitedSeconds:N0} s"
            : $"  still busy after {idle.WaitedSeconds:N0} s ({idle.LastCpuCores:N2} cores); measuring anyway");

        using var load = OpenLoopDriver.CreateClient(host.Address, MaxConnections, TimeSpan.FromSeconds(30));
        var driver = new OpenLoopDriver(load);
        var mix = new SignupMix(graph, seed: 1);
        var health = new PlannedRequest(HttpMethod.Get, "/health", null, "health");

        // Unrecorded: JIT, connection pools and grain activations for the hot paths.
        var warmUp = TimeSpan.FromSeconds(Math.Min(3, args.Seconds));
        Console.WriteLine($"Warming up ({warmUp.TotalSeconds:N0} s per endpoint)...");
        await driver.RunAsync("warm-up", args.Rate, warmUp, () => health);
        await driver.RunAsync("warm-up", args.Rate, warmUp, mix.Next, DecisionOf);

        // The stream runs through both measured runs, so the baseline shares the risk run's conditions.
        using var stop = new CancellationTokenSource();
        using var ingestClient = host.CreateClient(TimeSpan.FromMinutes(2));
        var background = args.IngestRate > 0 ? new BackgroundIngest(ingestClient, graph, args.IngestRate) : null;
        var backgroundRun = background?.RunAsync(stop.Token) ?? Task.CompletedTask;

        var machine = MachineLoad.Describe();
        var duration = TimeSpan.FromSeconds(args.Seconds);
        Console.WriteLine($"Measuring GET /health, then POST /v1/risk/signup, at {args.Rate:N0}/s for {args.Seconds:N0} s each...");
        var baseline = await driver.RunAsync("GET /health (baseline)", args.Rate, duration, () => health);
        var risk = await driver.RunAsync("POST /v1/risk/signup", args.Rate, duration, mix.Next, DecisionOf);
        await stop.CancelAsync();
        await backgroundRun;

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        RiskReport.Print(args, ingest, baseline, risk, background, peak, machine);
        return 0;
    }

    private static string? DecisionOf(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("decision", out var decision) ? decision.GetString() : "no decision";
    }
}
