using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

public sealed class HubOwnershipTests
{
    private static readonly DetectionOptions Options = new() { HubAllowlist = ["10.9.0.0/16"] };
    private static readonly HubRules Rules = new(Options);
    private static readonly RiskScorer Scorer = new(new ScoringOptions());

    [Fact]
    public void ARingOnItsOwnProxyRange_IsOneOperators()
    {
        var range = NodeKey.Entity(EntityKind.IpRange, "45.1.2.0/24");
        var ring = Enumerable.Range(0, 150).Select(i => Puppet(i, $"card{i % 2}", range)).ToList();

        var judgement = HubOwnership.Judge(range, ring, ComponentPartition.HubFeatures(range, ring, Options), Rules, Scorer);

        Assert.True(judgement.Owned);
        Assert.Equal(1.0, judgement.CoSharing);
        Assert.True(judgement.Behaviour > 0.9, $"behaviour {judgement.Behaviour}");
    }

    [Fact]
    public void ACampusOfStrangers_IsSharedInfrastructure_EvenIfTheySignUpInOneWeek()
    {
        var range = NodeKey.Entity(EntityKind.IpRange, "130.5.6.0/24");
        var random = new Random(3);
        var students = Enumerable.Range(0, 1_500).Select(i => Person(i, $"own{i}", range, random)).ToList();

        var judgement = HubOwnership.Judge(range, students, ComponentPartition.HubFeatures(range, students, Options), Rules, Scorer);

        Assert.False(judgement.Owned);
        Assert.Equal(0, judgement.CoSharing);
    }

    [Fact]
    public void ACorporateCard_OfPeopleWorkingOnTheirOwnSchedules_IsNotOwned_ThoughSharingItIsEnough()
    {
        var card = NodeKey.Entity(EntityKind.Instrument, "corp");
        var random = new Random(4);
        var staff = Enumerable.Range(0, 200).Select(i => Person(i, "corp", NodeKey.Entity(EntityKind.IpRange, "198.51.100.0/24"), random)).ToList();

        var judgement = HubOwnership.Judge(card, staff, ComponentPartition.HubFeatures(card, staff, Options), Rules, Scorer);

        Assert.Equal(1.0, judgement.CoSharing);
        Assert.False(judgement.Owned, $"behaviour {judgement.Behaviour}");
    }

    [Fact]
    public void AnAllowlistedRange_IsNeverJudged()
    {
        var range = NodeKey.Entity(EntityKind.IpRange, "10.9.4.0/24");
        var ring = Enumerable.Range(0, 150).Select(i => Puppet(i, $"card{i % 2}", range)).ToList();

        Assert.False(HubOwnership.Judge(range, ring, ComponentPartition.HubFeatures(range, ring, Options), Rules, Scorer).Owned);
    }

    private static AccountProfile Puppet(int i, string card, string range) =>
        Puppets.Profile($"p{i}", NodeKey.Entity(EntityKind.Instrument, card), range);

    private static AccountProfile Person(int i, string card, string range, Random random)
    {
        var days = random.Next(1, 6);
        var requests = new long[5];
        requests[random.Next(5)] = (long)Math.Exp(random.NextDouble() * 7) + 1;
        return new AccountProfile
        {
            Account = $"u{i}",
            Component = "c-0000000000000001",
            Links = [new(NodeKey.Entity(EntityKind.Instrument, card), LinkRecord.At(T0)), new(range, LinkRecord.At(T0))],
            SignupDay = AccountProfile.DayOf(T0.AddDays(-random.Next(0, 7))),
            Requests = requests,
            ActiveHours = [.. Enumerable.Range(0, days).Select(_ => AccountProfile.HourOf(T0.AddDays(-random.Next(0, 20)).AddHours(random.Next(24))))],
            ActiveDays = days,
            LastSeen = T0,
        };
    }
}
