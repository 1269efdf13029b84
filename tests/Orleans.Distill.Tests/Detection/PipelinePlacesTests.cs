using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;
using static Orleans.Distill.Tests.Detection.GluedComponent;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>
/// Ranges that are a pipeline's place (<see cref="PipelinePlaces"/>): a slow drip's card groups are tied by the ranges
/// it runs from, while households on those ranges, and developers in their office, keep cores of their own.
/// </summary>
public sealed class PipelinePlacesTests
{
    private static readonly RiskScorer Scorer = new(new ScoringOptions());
    private static readonly string[] Datacenter = [NodeKey.Entity(EntityKind.IpRange, "151.20.7.0/24"), NodeKey.Entity(EntityKind.IpRange, "163.4.88.0/24")];

    [Fact]
    public void ADripsCardGroups_AreTiedByTheRangesItRunsFrom_AndFlaggedTogether_WhileAHouseholdOnThoseRangesIsNot()
    {
        // Thirteen days into a slow drip: two accounts a day, on six cards (four accounts each so far), each on a device
        // of its own, all working from the same two ranges every day at 600 requests times a day factor as widely spread
        // as developers'. A family of three on its card, and a neighbour, each used one of those ranges on a day of the
        // last week, at rates of their own.
        var profiles = new Dictionary<string, AccountProfile>();
        for (var i = 0; i < 24; i++)
        {
            var days = Enumerable.Range(i / 2, 13 - (i / 2)).ToList();
            Add(profiles, Account($"drip{i}", days, d => (long)(600 * DeveloperDays.Spread[((d * 7) + i) % DeveloperDays.Spread.Length]),
                [NodeKey.Entity(EntityKind.Instrument, $"drip-card{i % 6}"), NodeKey.Entity(EntityKind.Device, $"drip-device{i}"), .. Datacenter],
                hour: (i * 5) % 24, coding: true));
        }

        foreach (var (member, i) in new[] { "mum", "dad", "kid" }.Select((m, i) => (m, i)))
        {
            Add(profiles, Account(member, [6 + i], d => 20 + (10 * i), [NodeKey.Entity(EntityKind.Instrument, "family-card"), Datacenter[0]], hour: 19 + i, coding: false));
        }

        Add(profiles, Account("neighbour", [9], d => 150, [NodeKey.Entity(EntityKind.Instrument, "own-card"), Datacenter[0]], hour: 8, coding: false));

        var withPlaces = Cores(profiles, new DetectionOptions());
        var drip = Assert.Single(withPlaces, c => c.Accounts.Contains("account:drip0"));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => $"account:drip{i}").Order(), drip.Accounts.Order());
        Assert.NotEqual(Decision.Allow, Scorer.Score(drip.Features).Decision);
        Assert.Contains(withPlaces, c => c.Accounts.Order().SequenceEqual(new[] { "account:dad", "account:kid", "account:mum" }));
        Assert.Contains(withPlaces, c => c.Accounts.SequenceEqual(["account:neighbour"]));
        Assert.All(withPlaces.Where(c => !c.Accounts.Contains("account:drip0")), c => Assert.Equal(Decision.Allow, Scorer.Score(c.Features).Decision));

        // Without it, each card is a group of four that days and rates cannot yet tell from a family, and each is allowed.
        var byCard = Cores(profiles, new DetectionOptions { PlaceRateFactor = 0 }).Where(c => c.Accounts.Any(a => a.Contains("drip", StringComparison.Ordinal))).ToList();
        Assert.Equal(6, byCard.Count);
        Assert.All(byCard, c => Assert.Equal(4, c.Accounts.Count));
        Assert.All(byCard, c => Assert.Equal(Decision.Allow, Scorer.Score(c.Features).Decision));
    }

    [Fact]
    public void APersonOnTheirHomeLine_IsNotTiedToARingsProxyThatPassedThroughIt_ForOneDayAtTheRingsRate()
    {
        // A ring on residential proxies: ten accounts on two devices (five on each), steady at 850 a day for nine
        // days, each from a range of its own; one of them passed once through a household's line. A neighbour took a
        // card there eighteen days before and has sent nothing; a person signed up there on the ninth day, with a
        // card and a device of their own, and sent 815 coding requests on their first day: the ring's rate, by
        // chance. Three users of the range, two of them with traffic, and of those two one is nine days of the
        // ring's steady script.
        var home = NodeKey.Entity(EntityKind.IpRange, "71.238.215.0/24");
        var profiles = new Dictionary<string, AccountProfile>();
        for (var i = 0; i < 10; i++)
        {
            Add(profiles, Account($"proxy{i}", [.. Enumerable.Range(0, 9)], d => 850 + ((d + i) % 3 * 10),
                [NodeKey.Entity(EntityKind.Device, $"ring-device{i % 2}"), NodeKey.Entity(EntityKind.IpRange, $"88.95.{i}.0/24"), .. i == 0 ? new[] { home } : []],
                hour: 8 + (i % 3), coding: true));
        }

        var neighbour = Account("neighbour", [-10], d => 0, [NodeKey.Entity(EntityKind.Instrument, "neighbour-card"), home], hour: 8, coding: false);
        Add(profiles, neighbour with { ActiveDays = 0, FirstActiveDay = null, LastActiveDay = null, ActiveHours = [] });
        Add(profiles, Account("person", [8], d => 815, [NodeKey.Entity(EntityKind.Instrument, "person-card"), NodeKey.Entity(EntityKind.Device, "person-laptop"), home], hour: 8, coding: true));

        var cores = Cores(profiles, new DetectionOptions());

        var ring = Assert.Single(cores, c => c.Accounts.Contains("account:proxy0"));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"account:proxy{2 * i}").Order(), ring.Accounts.Order());
        var person = Assert.Single(cores, c => c.Accounts.Contains("account:person"));
        Assert.Equal(["account:person"], person.Accounts);
        Assert.Equal(Decision.Allow, Scorer.Score(person.Features).Decision);
    }

    [Fact]
    public void DevelopersInTheirOffice_OnCardsOfTheirTeams_AreNotTiedByTheOffice()
    {
        // Twenty developers on four team cards, in one office, each at a rate of their own, resting two days in seven:
        // people in one place, not a pipeline's place.
        var office = NodeKey.Entity(EntityKind.IpRange, "52.14.9.0/24");
        var profiles = new Dictionary<string, AccountProfile>();
        for (var i = 0; i < 20; i++)
        {
            var days = Enumerable.Range(0, 28).Where(d => (d + i) % 7 < 5 || d == 0 || d == 27).ToList();
            Add(profiles, Account($"dev{i}", days, d => (long)(DeveloperDays.Rates[i] * DeveloperDays.Spread[(d + i) % DeveloperDays.Spread.Length]),
                [NodeKey.Entity(EntityKind.Instrument, $"team-card{i % 4}"), NodeKey.Entity(EntityKind.Device, $"laptop{i}"), office],
                hour: 9 + (i % 8), coding: true));
        }

        var cores = Cores(profiles, new DetectionOptions());

        Assert.Equal(4, cores.Count);
        Assert.All(cores, c => Assert.Equal(5, c.Accounts.Count));
    }

    [Theory]
    [InlineData(600, 300, true)]
    [InlineData(600, 1200, true)]
    [InlineData(600, 299, false)]
    [InlineData(600, 1201, false)]
    public void AnAccountRunsAtAPlacesRate_WithinTheFactor(double place, long own, bool runs)
    {
        var account = Account("a", [0], d => own, [], hour: 0, coding: true);

        Assert.Equal(runs, PipelinePlaces.RunsAt(account, place, new DetectionOptions()));
    }

    [Fact]
    public void AnAccountWithoutTraffic_RunsAtNoPlacesRate()
    {
        var signedUp = Account("new", [0], d => 0, [], hour: 0, coding: true) with { ActiveDays = 0 };

        Assert.False(PipelinePlaces.RunsAt(signedUp, 600, new DetectionOptions()));
    }

    private static List<ComponentPartition.Core> Cores(Dictionary<string, AccountProfile> profiles, DetectionOptions options) =>
        [.. Pieces(profiles, T0.AddDays(13), new HubRules(options), Scorer).SelectMany(p => p.Cores)];

    /// <summary>An account that signed up on its first day and sent <paramref name="rate"/> requests on each of <paramref name="days"/>, at one hour.</summary>
    private static AccountProfile Account(string id, IReadOnlyList<int> days, Func<int, long> rate, string[] links, int hour, bool coding)
    {
        var requests = days.Select(rate).ToList();
        var total = requests.Sum();
        var signup = T0.AddDays(days[0]).AddHours(hour);
        var last = T0.AddDays(days[^1]).AddHours(hour);
        return new AccountProfile
        {
            Account = id,
            Component = "c-0000000000000001",
            Links = [.. links.Select(l => new LinkUpdate(l, NodeKey.KindOf(l) == EntityKind.IpRange ? new LinkRecord(signup, last, days.Count) : LinkRecord.At(signup)))],
            SignupDay = AccountProfile.DayOf(signup),
            Requests = coding ? [0, total, 0, 0, 0] : [0, 0, 0, 0, total],
            ActiveHours = [.. days.Select(d => AccountProfile.HourOf(T0.AddDays(d).AddHours(hour)))],
            ActiveDays = days.Count,
            DayRequestsSquared = requests.Sum(r => (double)r * r),
            DayRequestsCubed = requests.Sum(r => (double)r * r * r),
            FirstActiveDay = AccountProfile.DayOf(T0.AddDays(days[0])),
            LastActiveDay = AccountProfile.DayOf(last),
            LastSeen = last,
        };
    }
}
