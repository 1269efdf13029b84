using Orleans.Distill.Events;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;
using Orleans.Distill.Tests.Cluster;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>
/// The cases the product exists for, on hand-built graphs in the 3-silo cluster with the default hub rules and
/// scoring: rings are denied, households, companies and carriers are not.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DetectionScenarioTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(120);

    private readonly string _p = "ds" + Guid.NewGuid().ToString("N")[..6] + "-";

    [Fact]
    public async Task Ring_Of300SharingTenCardsAndProxyRanges_IsDenied()
    {
        var ranges = Enumerable.Range(1, 5).Select(i => $"198.51.{i}.0/24-{_p}").ToList();
        await IngestAsync(Populations.Ring(_p, 300, 10, ranges));

        var account = await WaitForDecisionAsync(_p + "ring17", Decision.Deny);
        var component = await fixture.Queries().GetComponentAsync(account.Component);
        Assert.Equal(300, component!.Accounts.Count);
        Assert.Contains(account.Assessment.Reasons, r => r.Feature == FeatureNames.SharedInstrumentAccounts && r.Value == 30);
    }

    [Fact]
    public async Task Company_Of200BehindOneRange_IsAllowed_AndTheRangeIsAHub()
    {
        var office = $"203.0.113.0/24-{_p}";
        await IngestAsync(Populations.People(_p, 200, _ => office, seed: 7));

        // The range is shared by 200 > 100 accounts: a hub, scored on its own, and it glues no one together.
        var queries = fixture.Queries();
        await Eventually.WaitUntilAsync(async () => (await Entity(office))?.Assessment is not null, Converge, "the office range to be scored as a hub");
        var hub = (await Entity(office))!;
        Assert.True(hub.Hub);
        Assert.Equal(Decision.Allow, hub.Assessment!.Decision);
        foreach (var i in new[] { 0, 57, 199 })
        {
            var view = (await queries.GetAccountAsync($"{_p}u{i}"))!;
            Assert.Equal(Decision.Allow, view.Assessment.Decision);
            Assert.Contains(view.Links, l => l.Entity == NodeKey.Entity(EntityKind.IpRange, office) && l.Hub);
        }

        Assert.NotEqual((await queries.GetAccountAsync(_p + "u0"))!.Component, (await queries.GetAccountAsync(_p + "u1"))!.Component);
    }

    [Fact]
    public async Task Family_OfFourOnOneCard_IsAllowed()
    {
        var home = $"192.0.2.0/24-{_p}";
        await IngestAsync(Populations.People(_p, 4, _ => home, _ => _p + "family-card", seed: 3));

        var view = await WaitForRescoredAsync(_p + "u2");
        var component = await fixture.Queries().GetComponentAsync(view.Component);
        Assert.Equal(4, component!.Accounts.Count);
        Assert.Equal(Decision.Allow, view.Assessment.Decision);
    }

    [Fact]
    public async Task CarrierRange_Of20000_IsAHub_AndARingInsideIsStillCaughtThroughItsCards()
    {
        // A mobile carrier's CGNAT range (not on the allowlist: it becomes a hub by count), its users each with
        // their own card; and a ring of 60 that routes through the same range and shares 6 cards and 2 devices.
        var carrier = $"172.16.9.0/24-{_p}";
        var events = Populations.People(_p, 20_000, _ => carrier, seed: 11);
        events.AddRange(Populations.Ring(_p, 60, 6, [carrier], devices: 2));
        await IngestAsync(events);

        var queries = fixture.Queries();
        var ring = await WaitForDecisionAsync(_p + "ring5", Decision.Deny);
        var ringComponent = await queries.GetComponentAsync(ring.Component);
        Assert.Equal(60, ringComponent!.Accounts.Count);
        Assert.Contains(ringComponent.LinkedHubs, h => h.Key == NodeKey.Entity(EntityKind.IpRange, carrier));

        var user = await WaitForRescoredAsync(_p + "u123");
        Assert.Equal(Decision.Allow, user.Assessment.Decision);
        Assert.Contains(user.Links, l => l.Entity == NodeKey.Entity(EntityKind.IpRange, carrier) && l.Hub);
        var userComponent = await queries.GetComponentAsync(user.Component);
        Assert.Single(userComponent!.Accounts);
    }

    [Fact]
    public async Task ADripThatVariesItsDaysAsDevelopersDo_IsFlaggedNamingItsDays_WhileDevelopersWhoRestAreAllowed()
    {
        // Two card groups of twelve joining one account a day each, then every day at 600 requests times a day factor
        // as widely spread as developers' (sigma about 0.5), coding, from one data-centre range. Beside them, in an
        // office of their own, 24 developers on two cards who joined the same way, at rates of their own, resting two
        // days in seven. The accounts' days reach the score through their grains: the drip's reasons name them, the
        // developers' do not. (Here the drip's one rate shows too; DailyPresenceTests has a drip that only its days show.)
        var dc = $"198.18.30.0/24-{_p}";
        var office = $"203.0.113.0/24-{_p}";
        const int days = 30;
        var start = T0.AddDays(-days);
        var spread = DeveloperDays.Spread;
        var events = new List<DistillEvent>();
        void Join(string account, int i, string range, string card, Func<int, long> requests, bool rests)
        {
            events.Add(Signup(account, range, start.AddDays(i / 2).AddHours(9 + (i % 2))));
            events.Add(Payment(account, card, start.AddDays(i / 2).AddHours(10 + (i % 2))));
            for (var d = i / 2; d < days; d++)
            {
                if (rests && d != i / 2 && d != days - 1 && (d + i) % 7 >= 5)
                {
                    continue;
                }

                events.Add(Usage(account, start.AddDays(d).AddHours((i * 5 + d * 7) % 24), ipRange: range,
                    requests: requests(d), category: TrafficCategory.Coding));
            }
        }

        for (var i = 0; i < 24; i++)
        {
            var k = i;
            Join($"{_p}drip{i}", i, dc, $"{_p}drip-card{i % 2}", d => (long)(600 * spread[((d * 7) + k) % spread.Length]), rests: false);
            Join($"{_p}dev{i}", i, office, $"{_p}corp-card{i % 2}", d => (long)(DeveloperDays.Rates[k / 2] * spread[((d * 7) + k) % spread.Length]), rests: true);
        }

        await IngestAsync(events);

        AccountView? drip = null;
        await Eventually.WaitUntilAsync(async () => (drip = await fixture.Queries().GetAccountAsync(_p + "drip5"))?.Assessment.Decision >= Decision.Review,
            Converge, "the drip to be flagged");
        Assert.Contains(drip!.Assessment.Reasons, r => r.Feature == FeatureNames.DailyPresence && r.Value > 0.95);
        var dev = await WaitForRescoredAsync(_p + "dev5");
        Assert.Equal(Decision.Allow, dev.Assessment.Decision);
        Assert.DoesNotContain(dev.Assessment.Reasons, r => r.Feature == FeatureNames.DailyPresence);
    }

    [Fact]
    public async Task SignupCheck_WithARingsCardAndRange_IsDenied_NamingTheCard()
    {
        var ranges = new[] { $"198.18.7.0/24-{_p}" };
        await IngestAsync(Populations.Ring(_p, 40, 2, ranges));
        var member = await WaitForDecisionAsync(_p + "ring0", Decision.Deny);

        var check = new SignupCheck([NodeKey.Entity(EntityKind.IpRange, ranges[0]), NodeKey.Entity(EntityKind.Instrument, _p + "card0")]);
        var risk = TestGraph.Risk(fixture.Cluster.Client);
        var answer = await risk.CheckSignupAsync(check, risk.StartDeadline());
        Assert.False(answer.Degraded);
        Assert.Equal(Decision.Deny, answer.Assessment.Decision);
        Assert.Equal(member.Component, answer.Component);
        var card = answer.Assessment.Reasons.Single(r => r.Feature == FeatureNames.SharedInstrumentAccounts);
        Assert.Equal(_p + "card0", card.Entity);
        Assert.Equal(21, card.Value);

        // Nothing changed: the ring still has its 40 accounts.
        Assert.Equal(40, (await fixture.Queries().GetComponentAsync(member.Component))!.Accounts.Count);
    }

    [Fact]
    public async Task SignupCheck_WithUnknownIdentifiers_StandsAloneAndIsAllowed()
    {
        var check = new SignupCheck([NodeKey.Entity(EntityKind.IpRange, $"192.0.2.0/24-{_p}new"), NodeKey.Entity(EntityKind.Instrument, _p + "fresh")]);
        var risk = TestGraph.Risk(fixture.Cluster.Client);
        var answer = await risk.CheckSignupAsync(check, risk.StartDeadline());
        Assert.False(answer.Degraded);
        Assert.Null(answer.Component);
        Assert.Equal(Decision.Allow, answer.Assessment.Decision);
    }

    private async Task IngestAsync(List<DistillEvent> events)
    {
        foreach (var chunk in events.Chunk(5_000))
        {
            await fixture.Pipeline().IngestAsync(chunk);
        }
    }

    private Task<Grains.EntitySnapshot?> Entity(string range) =>
        fixture.Cluster.Client.GetGrain<Grains.IEntityGrain>(NodeKey.Entity(EntityKind.IpRange, range)).Get();

    private async Task<AccountView> WaitForDecisionAsync(string account, Decision decision)
    {
        AccountView? view = null;
        try
        {
            await Eventually.WaitUntilAsync(async () => (view = await fixture.Queries().GetAccountAsync(account))?.Assessment.Decision == decision,
                Converge, $"{account} to be {decision}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last seen: {view?.Component} {view?.Assessment}", e);
        }
        return view!;
    }

    /// <summary>Waits until the account's component has been scored since the last change.</summary>
    private async Task<AccountView> WaitForRescoredAsync(string account)
    {
        AccountView? view = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            view = await fixture.Queries().GetAccountAsync(account);
            var node = await fixture.Cluster.Client.GetGrain<Grains.IComponentGrain>(view!.Component).GetSummary();
            return node.Assessment is { } a && a.Version >= node.Version || node.Aggregate.Nodes < 2;
        }, Converge, $"{account}'s component to be scored");
        return view!;
    }
}
