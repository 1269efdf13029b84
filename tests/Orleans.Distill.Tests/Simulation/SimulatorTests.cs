using System.Text;
using Orleans.Distill.Cli.Simulation;
using Orleans.Distill.Cli.Simulation.Families;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Simulation;

public sealed class SimulatorTests
{
    private static readonly SimulationOptions Small = new() { Seed = 11, Accounts = 3_000 };

    [Fact]
    public void SameSeed_GivesTheSameBytes_AnotherSeedAnother()
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
        Assert.StartsWith("account,label,campaign\n", Labels(sink).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryFamily_IsInTheLabels_WithItsFraudFlag_AndAFewAccountsAtLeast(int seed)
    {
        var options = new SimulationOptions { Seed = seed };
        var sink = new Simulator(options).Run();
        var byGroup = sink.Accounts.GroupBy(a => a.Group).ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(FamilyCatalogue.All.Select(f => f.Name).Order(), byGroup.Keys.Order());
        Assert.True(FamilyCatalogue.All.Count(f => f.Fraud) >= 8 && FamilyCatalogue.All.Count(f => !f.Fraud) >= 8);
        foreach (var family in FamilyCatalogue.All)
        {
            Assert.All(byGroup[family.Name], a => Assert.Equal(family.Fraud, a.Fraud));
            Assert.True(byGroup[family.Name].Count >= 5, $"{family.Name}: only {byGroup[family.Name].Count} accounts");
        }

        // Exact shares: with every family there are households enough for the proxy ring, which makes none of its own.
        Assert.Equal(options.CampaignAccounts, sink.Accounts.Count(a => a.Fraud));
        Assert.Equal(options.OrganicAccounts, sink.Accounts.Count(a => !a.Fraud));
    }

    [Fact]
    public void TwoSeeds_DrawDifferentFamilySizes()
    {
        var first = new ScenarioEvents(Small).CountsByGroup();
        var other = new ScenarioEvents(Small with { Seed = 12 }).CountsByGroup();

        var differing = FamilyCatalogue.All.Count(f => first[f.Name] != other[f.Name]);
        Assert.True(differing >= FamilyCatalogue.All.Count * 3 / 4, $"only {differing} families changed size between seeds");
    }

    [Fact]
    public void Families_RestrictTheScenario_KeepingEachSidesShare()
    {
        var options = Small with { Families = ["small_ring", "card_farm", "coworking"] };
        var sink = new Simulator(options).Run();

        Assert.Equal(["card_farm", "coworking", "small_ring"], sink.Accounts.Select(a => a.Group).Distinct().Order());
        Assert.Equal(options.CampaignAccounts, sink.Accounts.Count(a => a.Fraud));
        Assert.Equal(options.OrganicAccounts, sink.Accounts.Count(a => a.Group == "coworking"));

        var campaignsOnly = new Simulator(Small with { Families = ["aged_accounts"] }).Run();
        Assert.Equal(Small.CampaignAccounts, campaignsOnly.Accounts.Count);
        Assert.All(campaignsOnly.Accounts, a => Assert.True(a.Fraud && a.Group == "aged_accounts"));
    }

    [Fact]
    public void AnUnknownFamily_IsRefused_NamingItAndTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Simulator(Small with { Families = ["card_farm", "botnet"] }).Run());

        Assert.Contains("--families: unknown 'botnet'", error.Message);
        Assert.DoesNotContain("'card_farm'", error.Message);
        Assert.All(FamilyCatalogue.All, f => Assert.Contains(f.Name, error.Message));
    }

    [Fact]
    public void TooFewCampaignAccountsForTheFamilies_AreRefused_NamingTheOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Simulator(new SimulationOptions { Accounts = 500, CampaignShare = 0.01 }).Run());

        Assert.Contains("--campaign-share: 5 campaign accounts are too few", error.Message);
    }

    private static string Labels(EventSink sink)
    {
        using var writer = new StringWriter();
        sink.WriteLabels(writer);
        return writer.ToString();
    }
}
