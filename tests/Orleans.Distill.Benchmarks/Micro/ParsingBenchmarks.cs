using BenchmarkDotNet.Attributes;
using Orleans.Distill.Benchmarks.EndToEnd;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Benchmarks.Micro;

[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private readonly EventParser _parser = new(new KeyOptions(), new IngestOptions(), TimeProvider.System);
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup() => _body = SyntheticEvents.Body(SyntheticEvents.Generate(1000, seed: 7));

    [Benchmark(Description = "parse 1,000 NDJSON events")]
    public int ParseNdjson() => _parser.Parse(_body).Events.Count;

    [Benchmark(Description = "fold IPv4 to /24")]
    public string FoldIPv4() => IpRangeKey.TryFold("203.0.113.77", 24, 48, out var range, out _) ? range : string.Empty;

    [Benchmark(Description = "fold IPv6 to /48")]
    public string FoldIPv6() => IpRangeKey.TryFold("2001:db8:1:2:3:4:5:6", 24, 48, out var range, out _) ? range : string.Empty;

    [Benchmark(Description = "card number check")]
    public bool CardCheck() => CardNumberDetector.ContainsCardNumber("4111 1111 1111 1111");
}
