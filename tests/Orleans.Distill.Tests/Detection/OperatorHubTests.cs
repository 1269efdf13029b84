using Orleans.Distill.Events;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;
using Orleans.Distill.Tests.Cluster;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>
/// No size at which a ring escapes: proxy ranges and cards past their hub thresholds whose accounts look like one
/// operator glue as any ring's identifiers do, while ranges shared by strangers stay hubs and their users allowed.
/// </summary>
[Collection(EventTimeClusterCollection.Name)]
public sealed class OperatorHubTests(EventTimeClusterFixture fixture)
{
    private readonly EventTimeScenario _scenario = new(fixture);
    private readonly string _p = "oh" + Guid.NewGuid().ToString("N")[..6] + "-";

    [Theory]
    [InlineData(150, 1, 2)] // 150 on one range (threshold 100) and two cards of 75 (threshold 50)
    [InlineData(2_000, 3, 5)] // 667 per range, 400 per card
    [InlineData(20_000, 5, 10)] // 4,000 per range, 2,000 per card: in process, not over HTTP
    public async Task Ring_PastEveryHubThreshold_IsDeniedInFull(int accounts, int ranges, int cards)
    {
        var start = await fixture.NextEpochAsync();
        var proxies = Enumerable.Range(0, ranges).Select(i => $"45.{i}.7.0/24-{_p}").ToList();
        await _scenario.RunAsync(Operators.Ring(_p, start, accounts, cards, proxies, days: 4));

        await _scenario.UntilAsync(async () => await _scenario.ComponentSizeAsync(_p + "ring0") == accounts, $"the {accounts} accounts to glue into one component");
        var flagged = (await _scenario.Queries.FlaggedAsync()).Where(f => f.Account.StartsWith(_p, StringComparison.Ordinal)).ToList();
        Assert.Equal(accounts, flagged.Count(f => f.Assessment.Decision == Decision.Deny));

        var range = await fixture.Cluster.Client.GetGrain<IEntityGrain>(NodeKey.Entity(EntityKind.IpRange, proxies[0])).GetInfo(start.AddDays(4));
        Assert.NotNull(range!.Owned);
        Assert.False(range.Hub);
        Assert.Equal(1.0, range.Owned.CoSharing);

        // A new account that brings one of the ring's cards joins the ring, however many accounts the card links.
        var risk = TestGraph.Risk(fixture.Cluster.Client);
        var check = await risk.CheckSignupAsync(new Queries.SignupCheck([NodeKey.Entity(EntityKind.Instrument, _p + "card0")]), risk.StartDeadline());
        Assert.Equal(Decision.Deny, check.Assessment.Decision);
    }

    [Fact]
    public async Task Campus_VpnExit_AndCarrierRange_StayHubs_AndTheirUsersAllowed()
    {
        var start = await fixture.NextEpochAsync();
        var campus = $"130.5.6.0/24-{_p}";
        var vpn = $"185.9.9.0/24-{_p}";
        // 3,000 mobile users: the 20,000-user carrier range is DetectionScenarioTests' (the default cluster), where
        // it does not hold up the rebuilds of the rings this collection runs weeks of event time for.
        var carrier = $"172.20.1.0/24-{_p}";
        // Students sign up in the first ten days of term; VPN users and mobile users over the month.
        var events = Operators.People(_p, start, 1_500, _ => campus, signupDays: 10, days: 30, seed: 5, name: "student");
        events.AddRange(Operators.People(_p, start, 250, _ => vpn, signupDays: 25, days: 30, seed: 6, name: "vpn"));
        events.AddRange(Operators.People(_p, start, 3_000, _ => carrier, signupDays: 25, days: 30, seed: 7, name: "mobile"));
        await _scenario.RunAsync(events);
        var watermark = await fixture.Cluster.Client.GetGrain<IWatermarkGrain>(0).Get();

        foreach (var (range, users, name) in new[] { (campus, 1_500, "student"), (vpn, 250, "vpn"), (carrier, 3_000, "mobile") })
        {
            var info = await fixture.Cluster.Client.GetGrain<IEntityGrain>(NodeKey.Entity(EntityKind.IpRange, range)).GetInfo(watermark);
            Assert.True(info!.Hub, $"{range} is a hub");
            Assert.Null(info.Owned);
            foreach (var i in new[] { 0, users / 2, users - 1 })
            {
                Assert.Equal(Decision.Allow, await _scenario.DecisionAsync($"{_p}{name}{i}"));
            }
        }

        Assert.DoesNotContain(await _scenario.Queries.FlaggedAsync(), f => f.Account.StartsWith(_p, StringComparison.Ordinal));
    }
}
