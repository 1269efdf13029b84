using Orleans.Distill.Events;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;
using Orleans.Distill.Tests.Cluster;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>Decisions are made per account: a weak tie to a ring's evidence does not put people under review.</summary>
[Collection(EventTimeClusterCollection.Name)]
public sealed class PerAccountDecisionTests(EventTimeClusterFixture fixture)
{
    private readonly EventTimeScenario _scenario = new(fixture);
    private readonly string _p = "pa" + Guid.NewGuid().ToString("N")[..6] + "-";

    [Fact]
    public async Task RingOnResidentialProxies_ThatHouseholdsAlsoUse_IsDenied_AndTheHouseholdsStayAllowed()
    {
        var start = await fixture.NextEpochAsync();
        var homes = Enumerable.Range(0, 3).Select(i => $"73.{i}.12.0/24-{_p}").ToList();
        // The ring's proxies exit through the same residential ranges as three households: on each range a family
        // of three on one card, and a neighbour alone.
        var events = Operators.Ring(_p, start, 60, 4, homes, days: 6);
        for (var h = 0; h < homes.Count; h++)
        {
            var home = homes[h];
            events.AddRange(Operators.People(_p, start.AddDays(-200), 3, _ => home, signupDays: 150, days: 206, seed: 20 + h, card: _ => $"{_p}family{h}-card", name: $"family{h}-"));
            events.AddRange(Operators.People(_p, start.AddDays(-200), 1, _ => home, signupDays: 150, days: 206, seed: 30 + h, name: $"neighbour{h}-"));

            // And they are at home while the ring runs, each at their own hours and pace.
            var random = new Random(40 + h);
            foreach (var person in new[] { $"family{h}-0", $"family{h}-1", $"family{h}-2", $"neighbour{h}-0" })
            {
                for (var d = 0; d < 6; d += random.Next(1, 3))
                {
                    events.Add(Usage(_p + person, start.AddDays(d).AddHours(random.Next(24)), ipRange: home,
                        requests: random.Next(1, 60), category: (TrafficCategory)random.Next(5)));
                }
            }
        }

        await _scenario.RunAsync(events);

        var ring = await _scenario.AccountAsync(_p + "ring0");
        Assert.Equal(Decision.Deny, ring.Assessment.Decision);
        for (var h = 0; h < homes.Count; h++)
        {
            foreach (var person in new[] { $"family{h}-0", $"family{h}-2", $"neighbour{h}-0" })
            {
                var view = await _scenario.AccountAsync(_p + person);
                // In the ring's component through the shared range, and allowed all the same.
                Assert.Equal(ring.Component, view.Component);
                Assert.Equal(Decision.Allow, view.Assessment.Decision);
            }
        }

        var flagged = (await _scenario.Queries.FlaggedAsync()).Where(f => f.Account.StartsWith(_p, StringComparison.Ordinal)).ToList();
        Assert.Equal(60, flagged.Count);
        Assert.All(flagged, f => Assert.Contains("ring", f.Account, StringComparison.Ordinal));

        // A newcomer on one of those ranges is judged as the household members were: alone when they bring a card of
        // their own, with the ring when the range is all they bring.
        var risk = TestGraph.Risk(fixture.Cluster.Client);
        var sharedRange = NodeKey.Entity(EntityKind.IpRange, homes[0]);
        var withCard = await risk.CheckSignupAsync(new SignupCheck([sharedRange, NodeKey.Entity(EntityKind.Instrument, _p + "newcomer-card")]), risk.StartDeadline());
        Assert.Equal(Decision.Allow, withCard.Assessment.Decision);
        Assert.Null(withCard.Component);
        var rangeOnly = await risk.CheckSignupAsync(new SignupCheck([sharedRange]), risk.StartDeadline());
        Assert.Equal(ring.Component, rangeOnly.Component);
        Assert.NotEqual(Decision.Allow, rangeOnly.Assessment.Decision);
    }

    [Fact]
    public async Task ATeamsPipeline_OnOneCardInItsOffice_StaysAllowed_WhileFourPuppetsRunningItFromAddressesOfTheirOwn_AreDenied()
    {
        var start = await fixture.NextEpochAsync();
        var team = _p + "team-";
        var ring = _p + "puppets-";
        // Both sign up within two hours, pay with one card and send the same capability traffic at the same hour
        // every day for three weeks: the team from its office range, the puppets each from a home range of its own.
        var events = Operators.Ring(team, start, 4, 1, [$"81.20.4.0/24-{_p}"], days: 21);
        events.AddRange(Operators.Ring(ring, start, 4, 1, [.. Enumerable.Range(0, 4).Select(i => $"98.{i}.7.0/24-{_p}")], days: 21));

        await _scenario.RunAsync(events);

        for (var i = 0; i < 4; i++)
        {
            var colleague = await _scenario.AccountAsync($"{team}ring{i}");
            Assert.Equal(Decision.Allow, colleague.Assessment.Decision);
            var puppet = await _scenario.AccountAsync($"{ring}ring{i}");
            Assert.Equal(Decision.Deny, puppet.Assessment.Decision);
            Assert.Contains(puppet.Assessment.Reasons, r => r.Feature == FeatureNames.NetworkDispersion);
        }
    }
}
