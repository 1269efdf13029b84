using Microsoft.Extensions.Time.Testing;
using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Cli.Simulation;
using Orleans.Distill.Tests.Cluster;
using Orleans.Distill.Tests.Simulation;
using Xunit.Abstractions;

namespace Orleans.Distill.Tests.Detection;

/// <summary>
/// A world no weight or threshold was set on (seed 21, never used for tuning), with every family of the simulator,
/// replayed day by day through the cluster at the default settings: what the held-out evaluation measures at
/// 5,000 accounts a world (docs/evaluation.md), `deny` recall of 0.80 among them, kept true in CI at that scale; a team's pipeline on one card
/// (<c>team_shared_key</c>) included. A cluster of its own, run alone: behind other tests' tens of thousands of
/// accounts, its rebuilds would wait on theirs.
/// </summary>
[Collection(Name)]
public sealed class HeldOutWorldTests(ClusterFixture fixture, ITestOutputHelper output)
{
    public const string Name = "held-out-world";

    [Fact]
    public async Task EveryCampaignIsFlaggedBefore5PercentOfItsTraffic_AndOnItsCurrentEvidence_AndDenied_AndNoOrganicFamilyIsFlagged()
    {
        var options = new SimulationOptions { Seed = 21, Accounts = 5_000 };
        var world = new ScenarioEvents(options, new FakeTimeProvider(options.Start.AddDays(options.Days + 1)));
        Assert.Equal(world.Sink.OrderedLines().Count(), world.Events.Count);
        var labels = world.Sink.Accounts.ToDictionary(a => a.Account, a => new LabelledAccount(a.Account, a.Fraud, a.Group));

        var families = await WorldReplay.RunAsync(new EventTimeScenario(fixture), world.Events, labels, options.Start);

        var failures = families.Where(f => f.Campaign
                ? f.ByEvidence < 0.95 * f.Accounts || (f.FirstFlagged ?? 1) >= 0.05
                : f.Flagged > 0)
            .Select(f => f.ToString())
            .ToList();

        // The target is `deny` recall of 0.80 at `deny` precision 0.99: with no organic account flagged at all,
        // the precision is 1.
        var campaigns = families.Where(f => f.Campaign).ToList();
        if (campaigns.Sum(f => f.Denied) < 0.8 * campaigns.Sum(f => f.Accounts))
        {
            failures.Add($"campaigns: {campaigns.Sum(f => f.Denied)}/{campaigns.Sum(f => f.Accounts)} denied, under 80%");
        }

        output.WriteLine(string.Join('\n', families));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}

[CollectionDefinition(HeldOutWorldTests.Name, DisableParallelization = true)]
public sealed class HeldOutWorldCollection : ICollectionFixture<ClusterFixture>;
