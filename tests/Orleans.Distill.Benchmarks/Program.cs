using BenchmarkDotNet.Running;
using Orleans.Distill.Benchmarks.Connections;
using Orleans.Distill.Benchmarks.EndToEnd;
using Orleans.Distill.Benchmarks.Risk;

// `ingest [events] [batch] [sqlite|memory] [FULL|NORMAL]` runs the end-to-end ingest bench;
// `risk [accounts] [rate] [seconds] [ingest-rate]` runs the end-to-end risk-check latency bench;
// `connections [counts=100,1000,5000] [seconds=15] ...` holds thousands of keep-alive connections on the host with keys on;
// `cluster-ingest URL[,URL...] [events] [batch] [producers]` posts to silos already running (scripts/cluster.sh);
// anything else goes to BenchmarkDotNet (for example `--filter '*'`).
if (args.Length > 0 && args[0] == "ingest")
{
    var events = args.Length > 1 ? int.Parse(args[1]) : 100_000;
    var batch = args.Length > 2 ? int.Parse(args[2]) : events;
    var storage = args.Length > 3 ? args[3] : "sqlite";
    var synchronous = args.Length > 4 ? args[4] : "FULL";
    return await IngestBenchmark.RunAsync(events, batch, storage, synchronous);
}

if (args.Length > 0 && args[0] == "risk")
{
    return await RiskBenchmark.RunAsync(RiskArguments.Parse(args[1..]));
}

if (args.Length > 0 && args[0] == "connections")
{
    return await ConnectionsBenchmark.RunAsync(ConnectionsArguments.Parse(args[1..]));
}

if (args.Length > 1 && args[0] == "cluster-ingest")
{
    var silos = args[1].Split(',').Select(u => new Uri(u)).ToList();
    var events = args.Length > 2 ? int.Parse(args[2]) : 100_000;
    var batch = args.Length > 3 ? int.Parse(args[3]) : 2_000;
    var producers = args.Length > 4 ? int.Parse(args[4]) : 6;
    return await ClusterIngestBenchmark.RunAsync(silos, events, batch, producers);
}

BenchmarkSwitcher.FromAssembly(typeof(IngestBenchmark).Assembly).Run(args);
return 0;
