using System.Diagnostics;
using System.Net.Http.Headers;
using Orleans.Distill.Benchmarks.EndToEnd;
using Orleans.Distill.Benchmarks.Risk;
using Orleans.Distill.Cli.Load;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>
/// Thousands of concurrent HTTP/1.1 keep-alive connections against the real host, keys and rate limits on: a phase
/// per connection count, each compared with the first measured in the same run, then a phase past a key's rate limit
/// that must answer 429 and nothing else.
/// </summary>
public static class ConnectionsBenchmark
{
    public static async Task<int> RunAsync(ConnectionsArguments args)
    {
        var graph = new RiskGraph(args.Accounts, seed: 42);
        var sending = args.Rate > 0 ? $"paced, {args.Rate:N0} requests/s over all connections" : "back to back (each connection sends once answered)";
        Console.WriteLine($"connections bench: {string.Join(", ", args.Counts.Select(n => n.ToString("N0")))} connections, {sending}, " +
            $"{args.WarmUp:N0} s warm-up + {args.Seconds:N0} s measured each; risk checks{(args.EventsPercent > 0 ? $" and {args.EventsPercent}% event posts of {ConnectionMix.EventsPerPost}" : "")}; " +
            $"client timeout {args.Timeout:N0} s");
        Console.WriteLine($"Starting the host ({(args.Host == "process" ? "a process of its own" : "in the bench process")}, SQLite synchronous=FULL, " +
            $"a keys file of 4 keys, risk and ingest keys limited to {BenchKeys.Unlimited:N0}/s)...");

        using var keys = BenchKeys.Create(args.Limit);
        await using IBenchHost host = args.Host == "process"
            ? await HostProcess.StartAsync("sqlite", "FULL", keys.HostArguments())
            : await InProcessHost.StartAsync(extra: keys.HostArguments());
        using var admin = Client(host, keys.Admin);
        using (var ingest = Client(host, keys.Ingest))
        {
            await SeedAsync(host, graph, admin, ingest);
        }

        var sampler = new HostSampler(host, admin);
        PrintLimits(host, args.Counts.Append(args.Limited).Max());

        var phases = new List<PhaseResult>();
        var hostLog = new Dictionary<string, Dictionary<string, int>>();
        for (var p = 0; p < args.Counts.Count; p++)
        {
            var n = args.Counts[p];
            var idBase = (p + 1) * 1_000_000_000_000L;
            var plan = new PhasePlan($"{n:N0} connections", n, args.Rate, TimeSpan.FromSeconds(args.WarmUp), TimeSpan.FromSeconds(args.Seconds),
                TimeSpan.FromSeconds(args.Timeout),
                i => new ConnectionMix(graph, i, args.EventsPercent, idBase + i * 1_000_000_000L, keys.Risk, keys.Ingest));
            phases.Add(await RunPhaseAsync(host, sampler, plan, hostLog));
        }

        PhaseResult? limited = null;
        if (args.Limited > 0)
        {
            var plan = new PhasePlan($"over the limit, {args.Limited:N0} connections", args.Limited, 0, TimeSpan.FromSeconds(args.WarmUp),
                TimeSpan.FromSeconds(args.Seconds), TimeSpan.FromSeconds(args.Timeout),
                i => new ConnectionMix(graph, i, 0, 0, keys.Limited, keys.Ingest));
            limited = await RunPhaseAsync(host, sampler, plan, hostLog);
        }

        Console.WriteLine();
        Console.WriteLine($"host: {(host.SharesBenchProcess ? "in the bench process (memory and cores are of both)" : $"process {host.Process.Id}")}, " +
            $"{graph.Accounts:N0} accounts; machine after the run: {MachineLoad.Describe()}");
        Console.WriteLine("held: connections the host held (kernel's count, accepted, one of them the bench's status client), least-most over the " +
            "measured window; queued: most waiting to be accepted; connects: TCP connections the clients opened");
        ConnectionsReport.PrintPhases(phases, hostLog);
        if (limited is not null)
        {
            ConnectionsReport.PrintLimited(limited, args.Limit, hostLog.GetValueOrDefault(limited.Name));
        }

        return limited is null || ConnectionsReport.OnlyRefused(limited) ? 0 : 1;
    }

    private static async Task SeedAsync(IBenchHost host, RiskGraph graph, HttpClient admin, HttpClient ingest)
    {
        Console.WriteLine($"Seeding {graph.Accounts:N0} accounts ({graph.Organic:N0} organic, {graph.Rings} rings of {RiskGraph.RingSize}) so risk checks read real state...");
        await GraphSeed.BuildAsync(ingest, graph);
        var top = await TopComponents.WaitForDeniesAsync(admin, graph.Rings, TimeSpan.FromSeconds(60));
        Console.WriteLine($"  {top.Denied} of {graph.Rings} rings denied after {top.WaitedSeconds:N0} s");
        Console.WriteLine($"  detection caught up after {await GraphSeed.WaitForDetectionAsync(admin, TimeSpan.FromMinutes(10)):N0} s");
        var idle = await ProcessIdle.WaitAsync(host.Process, 0.2, TimeSpan.FromSeconds(60));
        Console.WriteLine(idle.Idle
            ? $"  host idle after {idle.WaitedSeconds:N0} s"
            : $"  host still busy after {idle.WaitedSeconds:N0} s ({idle.LastCpuCores:N2} cores); measuring anyway");
    }

    private static async Task<PhaseResult> RunPhaseAsync(IBenchHost host, HostSampler sampler, PhasePlan plan, Dictionary<string, Dictionary<string, int>> hostLog)
    {
        // The bench's status client holds one connection; anything more is the last phase's, still closing.
        var census = await sampler.WaitForClosedAsync(1, TimeSpan.FromSeconds(30));
        if (census is { Accepted: > 1 })
        {
            Console.WriteLine($"  the host still holds {census.Accepted:N0} connections from before; starting anyway");
        }

        foreach (var limit in LimitsFor(host, plan.Connections))
        {
            Console.WriteLine($"  LIMITED: {limit}");
        }

        var before = await sampler.ReadMemoryAsync();
        var logBefore = host.Log?.Counts() ?? [];
        var result = await ConnectionPhase.RunAsync(host.Address, plan, sampler);
        result.Before = before;
        if (host.Log is { } log)
        {
            hostLog[plan.Name] = log.Counts()
                .Select(c => (c.Key, Count: c.Value - logBefore.GetValueOrDefault(c.Key)))
                .Where(c => c.Count > 0)
                .ToDictionary(c => log.ExampleOf(c.Key) is { } example ? $"{c.Key} {example}" : c.Key, c => c.Count);
        }

        Console.WriteLine($"  {plan.Name}: {result.AnswersPerSecond:N0} answers/s, {result.SucceededPerSecond:N0} 2xx/s, " +
            $"p99 {result.Percentile(99):N1} ms, {result.Sent - result.Succeeded:N0} failed");
        return result;
    }

    private static void PrintLimits(IBenchHost host, int most)
    {
        var bench = SystemLimits.OpenFilesOf(Process.GetCurrentProcess());
        var served = host.SharesBenchProcess ? null : SystemLimits.OpenFilesOf(host.Process);
        Console.WriteLine($"machine: {MachineLoad.Describe()}");
        Console.WriteLine($"open files (limit, open now): bench {Files(bench)}" + (host.SharesBenchProcess ? " (host included)" : $", host {Files(served)}") +
            $"; listen backlogs capped at {SystemLimits.ListenBacklogCap()?.ToString("N0") ?? "n/a"} (somaxconn); " +
            $"ephemeral ports {SystemLimits.EphemeralPorts()?.ToString("N0") ?? "n/a"}");
        var limits = LimitsFor(host, most);
        Console.WriteLine(limits.Count == 0
            ? $"  room for {most:N0} connections, the most any phase opens: neither open files nor ports limit the counts asked for"
            : $"  LIMITED at {most:N0} connections: {string.Join("; ", limits)}");
    }

    /// <summary>What would stop <paramref name="connections"/> connections from opening: open files on either side, the client's ports.</summary>
    private static List<string> LimitsFor(IBenchHost host, int connections)
    {
        var limits = new List<string>();

        // Every connection is a socket on each side; in one process, both sides count against one limit.
        var benchNeeds = host.SharesBenchProcess ? 2 * connections : connections;
        if (SystemLimits.OpenFilesOf(Process.GetCurrentProcess()) is { } bench && bench.Room < benchNeeds)
        {
            limits.Add($"the bench process may open {bench.Room:N0} more files (limit {bench.Limit:N0}, ulimit -Hn), it needs {benchNeeds:N0}");
        }

        if (!host.SharesBenchProcess && SystemLimits.OpenFilesOf(host.Process) is { } served && served.Room < connections)
        {
            limits.Add($"the host process may open {served.Room:N0} more files (limit {served.Limit:N0}, ulimit -Hn), it needs {connections:N0}");
        }

        if (SystemLimits.EphemeralPorts() is { } ports && ports < connections)
        {
            limits.Add($"{ports:N0} ephemeral ports for {connections:N0} connections from one client address to one port");
        }

        return limits;
    }

    private static string Files(SystemLimits.OpenFiles? files) => files is null ? "n/a" : $"{files.Limit:N0}, {files.Open:N0}";

    private static HttpClient Client(IBenchHost host, string key)
    {
        var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
