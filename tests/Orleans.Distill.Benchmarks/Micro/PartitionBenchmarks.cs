using BenchmarkDotNet.Attributes;
using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Benchmarks.Micro;

/// <summary>
/// A rebuild's partition of one component into pieces and cores: 2,400 people on 600 home ranges, each on a card of
/// their own, and a ring of 300 on eight cards working from four ranges. With <c>PlaceRateFactor</c> 0 ranges are not
/// read as a pipeline's place, which is what that reading costs.
/// </summary>
[MemoryDiagnoser]
public class PartitionBenchmarks
{
    private static readonly DateTime Start = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);
    private readonly RiskScorer _scorer = new(new ScoringOptions());
    private Dictionary<string, AccountProfile> _profiles = [];
    private Dictionary<string, EntityInfo> _entities = [];
    private List<string> _members = [];
    private HubRules _rules = new(new DetectionOptions());

    [Params(0.0, 2.0)]
    public double PlaceRateFactor { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _rules = new HubRules(new DetectionOptions { PlaceRateFactor = PlaceRateFactor });
        for (var i = 0; i < 2_400; i++)
        {
            Add($"p{i}", random.Next(-300, 0), random.Next(5, 300), random.Next(1, 20),
                NodeKey.Entity(EntityKind.Instrument, $"card-p{i}"), NodeKey.Entity(EntityKind.IpRange, $"73.{i % 600 / 250}.{i % 250}.0/24"));
        }

        for (var i = 0; i < 300; i++)
        {
            Add($"r{i}", random.Next(0, 3), 900, 20,
                NodeKey.Entity(EntityKind.Instrument, $"card-r{i % 8}"), NodeKey.Entity(EntityKind.IpRange, $"151.20.{i % 4}.0/24"));
        }

        _entities = _profiles.Values.SelectMany(p => p.Links.Select(l => l.Other)).Distinct()
            .ToDictionary(k => k, k => new EntityInfo { Key = k, Component = "c-0000000000000001", Glues = true });
        _members = [.. _profiles.Keys, .. _entities.Keys];
    }

    [Benchmark(Description = "partition 2,700 accounts on 604 ranges into cores")]
    public int Partition() =>
        ComponentPartition.Compute(_members, _profiles, _entities, _rules, _scorer, Start.AddDays(20)).Pieces.Sum(p => p.Cores.Count);

    private void Add(string account, int signupDay, int dailyRequests, int activeDays, params string[] links)
    {
        var signup = Start.AddDays(signupDay);
        _profiles[NodeKey.Account(account)] = new AccountProfile
        {
            Account = account,
            Component = "c-0000000000000001",
            Links = [.. links.Select(l => new LinkUpdate(l, new LinkRecord(signup, Start.AddDays(19), activeDays)))],
            SignupDay = AccountProfile.DayOf(signup),
            Requests = [0, dailyRequests * (long)activeDays, 0, 0, 0],
            ActiveHours = [.. Enumerable.Range(0, activeDays).Select(d => AccountProfile.HourOf(Start.AddDays(d).AddHours(3)))],
            ActiveDays = activeDays,
            DayRequestsSquared = (double)dailyRequests * dailyRequests * activeDays,
            DayRequestsCubed = (double)dailyRequests * dailyRequests * dailyRequests * activeDays,
            FirstActiveDay = AccountProfile.DayOf(Start),
            LastActiveDay = AccountProfile.DayOf(Start.AddDays(activeDays - 1)),
            LastSeen = Start.AddDays(19),
        };
    }
}
