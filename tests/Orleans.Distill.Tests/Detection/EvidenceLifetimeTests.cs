using Orleans.Distill.Events;
using Orleans.Distill.Scoring;
using Orleans.Distill.Tests.Cluster;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>
/// Evidence lasts as long as the identifier does: a card or a device stays evidence while its account is active,
/// an IP range only while it is used. Weeks of event time, replayed day by day into the 3-silo cluster.
/// </summary>
[Collection(EventTimeClusterCollection.Name)]
public sealed class EvidenceLifetimeTests(EventTimeClusterFixture fixture)
{
    private readonly EventTimeScenario _scenario = new(fixture);
    private readonly string _p = "el" + Guid.NewGuid().ToString("N")[..6] + "-";

    [Fact]
    public async Task Ring_WhoseCardsWereSeenOnlyAtSignup_StaysOneComponentThroughSixtyDaysOfTraffic_AndIsDenied()
    {
        var start = await fixture.NextEpochAsync();
        // 40 accounts that each pay with two of five cards, once, at signup: the cards chain the whole ring. The
        // traffic that follows comes from addresses that say nothing. One account goes quiet after its signup
        // and comes back on the last day.
        var events = new List<DistillEvent>();
        for (var i = 0; i < 40; i++)
        {
            var account = $"{_p}ring{i}";
            var signup = start.AddMinutes(i * 3);
            events.Add(Signup(account, $"198.51.{i % 2}.0/24-{_p}", signup));
            events.Add(Payment(account, $"{_p}card{i % 5}", signup.AddMinutes(1)));
            events.Add(Payment(account, $"{_p}card{(i + 1) % 5}", signup.AddMinutes(2)));
            events.AddRange(i == 39 ? Operators.DailyTraffic(account, start, 59, 60) : Operators.DailyTraffic(account, start, 0, 60));
        }

        // Day 45: every link was last seen more than 30 days ago, but the accounts are active, so their cards still
        // hold them together; the quiet one has dropped out.
        await _scenario.RunAsync(events, untilDay: 45, start: start);
        await _scenario.UntilAsync(async () => await _scenario.ComponentSizeAsync(_p + "ring0") == 39, "the quiet account to drop out of the ring");
        Assert.Equal(1, await _scenario.ComponentSizeAsync(_p + "ring39"));
        Assert.Equal(Decision.Deny, await _scenario.DecisionAsync(_p + "ring7"));

        // Day 60: the quiet account is back, and its cards tie it to the ring again.
        await _scenario.RunAsync(events.Where(e => (e.At.Date - start.Date).Days > 45));
        await _scenario.UntilAsync(async () => await _scenario.ComponentSizeAsync(_p + "ring0") == 40, "the returning account to rejoin the ring");
        foreach (var i in new[] { 0, 17, 39 })
        {
            Assert.Equal(Decision.Deny, await _scenario.DecisionAsync($"{_p}ring{i}"));
        }
    }

    [Fact]
    public async Task Household_ThatMovedHouse_Splits()
    {
        var start = await fixture.NextEpochAsync();
        var home = $"192.0.2.0/24-{_p}";
        var moved = $"203.0.113.0/24-{_p}";
        var events = new List<DistillEvent>();
        foreach (var member in new[] { "a", "b", "c" })
        {
            var account = $"{_p}{member}";
            events.Add(Signup(account, home, start.AddDays(member[0] - 'a')));
            events.Add(Payment(account, $"{_p}{member}-card", start.AddDays(member[0] - 'a').AddHours(1)));
            for (var d = 3; d < 60; d++)
            {
                // c moves out on day 10 and goes on from a range of its own.
                var range = member == "c" && d >= 10 ? moved : home;
                events.Add(Usage(account, start.AddDays(d).AddHours(18 + (member[0] - 'a')), ipRange: range, requests: 5 + d % 4, category: TrafficCategory.Chat));
            }
        }

        await _scenario.RunAsync(events);

        var a = await _scenario.AccountAsync(_p + "a");
        Assert.Equal(a.Component, (await _scenario.AccountAsync(_p + "b")).Component);
        Assert.Equal(2, await _scenario.ComponentSizeAsync(_p + "a"));
        await _scenario.UntilAsync(async () => (await _scenario.AccountAsync(_p + "c")).Component != a.Component, "c to split from the household it left");
        Assert.Equal(1, await _scenario.ComponentSizeAsync(_p + "c"));
        Assert.Equal(Decision.Allow, await _scenario.DecisionAsync(_p + "a"));
    }
}
