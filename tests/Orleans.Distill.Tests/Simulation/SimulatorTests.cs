using System.Net;
using System.Text;
using Orleans.Distill.Cli.Simulation;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Simulation;

public sealed class SimulatorTests
{
    private static readonly SimulationOptions Small = new() { Seed = 11, Accounts = 3_000 };

    [Fact]
    public void SameSeed_GivesTheSameScenario_AnotherSeedAnother()
    {
        var first = new Simulator(Small).Run();
        var again = new Simulator(Small).Run();
        var other = new Simulator(Small with { Seed = 12 }).Run();

        Assert.Equal(first.OrderedLines(), again.OrderedLines());
        Assert.Equal(Labels(first), Labels(again));
        Assert.NotEqual(first.OrderedLines().Take(50), other.OrderedLines().Take(50));
    }

    [Fact]
    public void EveryEvent_IsAValidContractEvent_InTimeOrder_AndEveryAccountIsLabelled()
    {
        var sink = new Simulator(Small).Run();
        var lines = sink.OrderedLines().ToList();
        var parsed = new EventParser(new KeyOptions(), new IngestOptions(), TimeProvider.System).Parse(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        Assert.Empty(parsed.Rejected);
        Assert.Equal(lines.Count, parsed.Events.Count);
        Assert.True(parsed.Events.Zip(parsed.Events.Skip(1)).All(p => p.First.At <= p.Second.At), "events are not in time order");
        Assert.Equal(sink.Accounts.Select(a => a.Account).Order(), parsed.Events.Select(e => e.Account).Distinct().Order());
        Assert.Equal(sink.Accounts.Count, sink.Accounts.Select(a => a.Account).Distinct().Count());
    }

    [Fact]
    public void Scenario_HoldsEveryOrganicKindAndCampaign_InTheirShapes()
    {
        var sink = new Simulator(Small).Run();
        var parser = new EventParser(new KeyOptions(), new IngestOptions(), TimeProvider.System);
        var events = parser.Parse(Encoding.UTF8.GetBytes(string.Join('\n', sink.OrderedLines()))).Events;
        var group = sink.Accounts.ToDictionary(a => a.Account, a => a.Group);

        Assert.Equal(
            ["campus", "card_farm", "cgnat", "cgnat_ring", "company", "household", "power_user", "residential_proxy", "single", "slow_drip", "vpn"],
            sink.Accounts.Select(a => a.Group).Distinct().Order());
        var fraud = sink.Accounts.Count(a => a.Fraud);
        Assert.InRange(fraud, 140, 160);
        Assert.All(sink.Accounts.Where(a => a.Fraud), a => Assert.Contains(a.Group, new[] { "card_farm", "residential_proxy", "slow_drip", "cgnat_ring" }));

        // A card farm reuses each card across about 30 accounts; a household shares one card among 2 to 5.
        var cardsOf = events.Where(e => e.Instrument is not null).GroupBy(e => e.Instrument!).ToDictionary(g => g.Key, g => g.Select(e => group[e.Account]).ToList());
        Assert.All(cardsOf.Values.Where(g => g[0] == "card_farm"), g => Assert.InRange(g.Count, 20, 40));
        Assert.All(cardsOf.Values.Where(g => g[0] == "household"), g => Assert.InRange(g.Count, 1, 5));

        // Carrier NAT users and the ring routed through it come from 100.64.0.0/10.
        var nat = IPNetwork.Parse("100.64.0.0/10");
        Assert.All(events.Where(e => group[e.Account] is "cgnat" or "cgnat_ring" && e.IpRange is not null),
            e => Assert.True(nat.Contains(IPAddress.Parse(e.IpRange!.Split('/')[0])), $"{e.IpRange} is outside 100.64.0.0/10"));

        // Campaign accounts are active every day after signup; organic ones are not.
        var activeDays = events.Where(e => e.Type == EventType.Usage).GroupBy(e => e.Account).ToDictionary(g => g.Key, g => g.Select(e => e.At.Date).Distinct().Count());
        Assert.True(sink.Accounts.Where(a => a.Group == "card_farm").Average(a => activeDays[a.Account]) > 35);
        Assert.True(sink.Accounts.Where(a => a.Group == "single").Average(a => activeDays.GetValueOrDefault(a.Account)) < 20);
    }

    private static string Labels(EventSink sink)
    {
        using var writer = new StringWriter();
        sink.WriteLabels(writer);
        return writer.ToString();
    }
}
