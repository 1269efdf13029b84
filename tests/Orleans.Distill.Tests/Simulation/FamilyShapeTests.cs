using System.Net;
using Orleans.Distill.Cli.Simulation;
using Orleans.Distill.Events;

namespace Orleans.Distill.Tests.Simulation;

/// <summary>Each family has the shape it is named for, whatever the seed drew for it.</summary>
public sealed class FamilyShapeTests
{
    private static readonly SimulationOptions Options = new() { Seed = 7 };

    private static readonly Lazy<ScenarioEvents> Scenario = new(() => new ScenarioEvents(Options));

    [Fact]
    public void HouseholdProxy_UsesOnlyRangesThatAreAlsoHouseholdsHomes()
    {
        var scenario = Scenario.Value;
        var homes = scenario.Of("household").Where(e => e.IpRange is not null).Select(e => e.IpRange!).ToHashSet();
        var ring = scenario.Of("household_proxy").Where(e => e.IpRange is not null).Select(e => e.IpRange!).ToHashSet();

        Assert.True(ring.Count >= 2, $"the ring used {ring.Count} ranges");
        Assert.Subset(homes, ring);
        Assert.All(scenario.Events.Where(e => e.IpRange is not null && ring.Contains(e.IpRange)),
            e => Assert.Contains(scenario.GroupOf(e.Account), new[] { "household", "household_proxy" }));
    }

    [Fact]
    public void HouseholdProxy_Alone_BringsTheHouseholdsItHidesAmong()
    {
        var scenario = new ScenarioEvents(Options with { Families = ["household_proxy"] });
        var households = scenario.Sink.Accounts.Where(a => a.Group == "household").ToList();
        var homes = scenario.Of("household").Where(e => e.IpRange is not null).Select(e => e.IpRange!).ToHashSet();

        Assert.NotEmpty(households);
        Assert.All(households, a => Assert.False(a.Fraud));
        Assert.Subset(homes, scenario.Of("household_proxy").Where(e => e.IpRange is not null).Select(e => e.IpRange!).ToHashSet());
    }

    [Fact]
    public void AgedAccounts_SignUpMonthsBeforeTheyPayOrWork_ThenAttachCardsInABurst()
    {
        var scenario = Scenario.Value;
        foreach (var account in scenario.Of("aged_accounts").GroupBy(e => e.Account))
        {
            var signup = account.Single(e => e.Type == EventType.Signup).At;
            var payment = account.Single(e => e.Type == EventType.Payment).At;
            var firstUse = account.Where(e => e.Type == EventType.Usage).Min(e => e.At);
            Assert.True(payment - signup >= TimeSpan.FromDays(60), $"{account.Key} paid {payment - signup} after signing up");
            Assert.True(firstUse > payment, $"{account.Key} worked before its card was attached");
        }

        var payments = scenario.Of("aged_accounts").Where(e => e.Type == EventType.Payment).Select(e => e.At).ToList();
        Assert.True(payments.Max() - payments.Min() <= TimeSpan.FromHours(12), $"cards attached over {payments.Max() - payments.Min()}");
        Assert.True(payments.Min() >= Options.Start, "cards attached before the scenario");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void SmallRings_AreThreeToSixAccounts_EachGluedByOneDeviceOrCard(int seed)
    {
        var scenario = new ScenarioEvents(Options with { Seed = seed, Families = ["small_ring", "single"] });
        var ringEvents = scenario.Of("small_ring").ToList();
        var rings = Components(ringEvents);

        Assert.True(rings.Count >= 5, $"{rings.Count} rings");
        Assert.All(rings, r => Assert.InRange(r.Count, 3, 6));
        Assert.Equal(ringEvents.Select(e => e.Account).Distinct().Count(), rings.Sum(r => r.Count));
    }

    [Fact]
    public void CardFarms_ReuseCardsAcrossManyAccounts_HouseholdsAcrossAFew()
    {
        var scenario = Scenario.Value;
        var accountsPerCard = scenario.Events.Where(e => e.Instrument is not null)
            .GroupBy(e => e.Instrument!).ToDictionary(g => g.Key, g => (Group: scenario.GroupOf(g.First().Account), Accounts: g.Select(e => e.Account).Distinct().Count()));

        Assert.All(accountsPerCard.Values.Where(c => c.Group == "card_farm"), c => Assert.InRange(c.Accounts, 5, 45));
        Assert.All(accountsPerCard.Values.Where(c => c.Group == "household"), c => Assert.InRange(c.Accounts, 2, 6));
        Assert.All(accountsPerCard.Values.Where(c => c.Group == "team_shared_key"), c => Assert.InRange(c.Accounts, 2, 5));
    }

    [Fact]
    public void CarrierNatUsersAndTheRingThroughIt_ComeFromSharedAddressSpace()
    {
        var scenario = Scenario.Value;
        var nat = IPNetwork.Parse("100.64.0.0/10");

        Assert.All(scenario.Events.Where(e => scenario.GroupOf(e.Account) is "cgnat" or "cgnat_ring" && e.IpRange is not null),
            e => Assert.True(nat.Contains(IPAddress.Parse(e.IpRange!.Split('/')[0])), $"{e.IpRange} is outside 100.64.0.0/10"));
    }

    [Fact]
    public void Pipelines_RunEveryDayFromTheirStart_PeopleDoNot()
    {
        var scenario = Scenario.Value;
        var end = Options.Start.AddDays(Options.Days);
        foreach (var group in new[] { "card_farm", "chat_camouflage", "team_shared_key" })
        {
            foreach (var account in scenario.Of(group).GroupBy(e => e.Account))
            {
                var from = account.Single(e => e.Type == EventType.Signup).At.Date.AddDays(1);
                from = from < Options.Start ? Options.Start : from;
                var days = account.Where(e => e.Type == EventType.Usage).Select(e => e.At.Date).Distinct().Count();
                Assert.Equal((end - from).Days, days);
            }
        }

        var singles = scenario.Sink.Accounts.Where(a => a.Group == "single").Select(a => a.Account).ToHashSet();
        var singleDays = scenario.Events.Where(e => e.Type == EventType.Usage && singles.Contains(e.Account))
            .GroupBy(e => e.Account).Average(g => g.Select(e => e.At.Date).Distinct().Count());
        Assert.True(singleDays < 20, $"single users were active {singleDays:F1} days on average");
    }

    [Fact]
    public void ChatCamouflage_IsMostlyChat_CardFarmsHardlyAny()
    {
        var scenario = Scenario.Value;

        Assert.InRange(ChatShare(scenario.Of("chat_camouflage")), 0.45, 0.75);
        Assert.InRange(ChatShare(scenario.Of("card_farm")), 0.0, 0.1);
    }

    private static double ChatShare(IEnumerable<DistillEvent> events)
    {
        var usage = events.Where(e => e.Type == EventType.Usage).ToList();
        return (double)usage.Count(e => e.Category == TrafficCategory.Chat) / usage.Count;
    }

    /// <summary>Accounts joined by any device or card they share.</summary>
    private static List<List<string>> Components(IEnumerable<DistillEvent> events)
    {
        var parent = new Dictionary<string, string>();
        string Find(string x)
        {
            parent.TryAdd(x, x);
            return parent[x] == x ? x : parent[x] = Find(parent[x]);
        }

        foreach (var e in events)
        {
            foreach (var entity in new[] { e.Device, e.Instrument }.OfType<string>())
            {
                parent[Find(e.Account)] = Find("entity:" + entity);
            }

            Find(e.Account);
        }

        return [.. parent.Keys.Where(k => !k.StartsWith("entity:", StringComparison.Ordinal)).GroupBy(Find).Select(g => g.ToList())];
    }
}
