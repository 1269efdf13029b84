using BenchmarkDotNet.Attributes;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Benchmarks.Micro;

/// <summary>The detection hot paths: building a group's features, merging two groups', and scoring them.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private readonly RiskScorer _scorer = new(new ScoringOptions());
    private AccountProfile[] _ring = [];
    private GroupFeatures _ringFeatures = new();
    private GroupFeatures _office = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var start = new DateTime(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);
        _ring = [.. Enumerable.Range(0, 300).Select(i => Profile($"r{i}", start.AddHours(random.Next(2)), 900, random, start))];
        _ringFeatures = Features(_ring);
        _office = Features([.. Enumerable.Range(0, 200).Select(i => Profile($"o{i}", start.AddDays(-random.Next(300)), random.Next(5, 300), random, start))]);
    }

    [Benchmark(Description = "features of a 300-account ring")]
    public long BuildRingFeatures() => Features(_ring).Accounts;

    [Benchmark(Description = "merge a 200-account office into a ring")]
    public long Merge()
    {
        var merged = _ringFeatures.Clone();
        merged.Merge(_office);
        return merged.Accounts;
    }

    [Benchmark(Description = "score a 300-account ring")]
    public double Score() => _scorer.Score(_ringFeatures).Score;

    private static GroupFeatures Features(IEnumerable<AccountProfile> profiles)
    {
        var features = new GroupFeatures();
        foreach (var profile in profiles)
        {
            features.AddAccount(profile, linksHub: false);
        }

        features.Share(GroupFeatures.KindIndex(Keys.EntityKind.Instrument), 30, "instrument:tok_farm_1");
        return features;
    }

    private static AccountProfile Profile(string account, DateTime signup, int dailyRequests, Random random, DateTime start) => new()
    {
        Account = account,
        Component = "c-0000000000000001",
        Links = [],
        SignupDay = AccountProfile.DayOf(signup),
        Requests = [dailyRequests * 30L, random.Next(100), 0, random.Next(50), 0],
        Tokens = dailyRequests * 30L * 1_200,
        ActiveHours = [.. Enumerable.Range(0, 30).Select(d => AccountProfile.HourOf(start.AddDays(d).AddHours(3)))],
        ActiveDays = 30,
    };
}
