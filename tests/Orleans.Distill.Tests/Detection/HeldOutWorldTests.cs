using Microsoft.Extensions.Time.Testing;
using Orleans.Distill.Cli.Simulation;
using Orleans.Distill.Scoring;
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
        var scenario = new EventTimeScenario(fixture);

        // Each family's requests so far, and the share of its whole traffic sent when it was first flagged.
        var total = world.Events.GroupBy(e => world.GroupOf(e.Account)).ToDictionary(g => g.Key, g => g.Sum(e => e.Requests));
        var sent = new Dictionary<string, long>();
        var firstFlagged = new Dictionary<string, double>();
        await scenario.RunAsync(world.Events, afterDay: async day =>
        {
            foreach (var e in day)
            {
                var group = world.GroupOf(e.Account);
                sent[group] = sent.GetValueOrDefault(group) + e.Requests;
            }

            // Before the scenario starts, accounts only sign up (months of them): no traffic is sent yet, so a flag
            // then or on the first day counts alike. From then on, what a live deployment would have flagged by the
            // next day, once detection has caught up with the day.
            if (day[0].At < options.Start)
            {
                return;
            }

            await scenario.CaughtUpAsync();
            foreach (var account in await scenario.Queries.FlaggedAsync())
            {
                if (world.Labels.TryGetValue(account.Account, out var label) && !firstFlagged.ContainsKey(label.Group))
                {
                    firstFlagged[label.Group] = (double)sent.GetValueOrDefault(label.Group) / Math.Max(1, total[label.Group]);
                }
            }
        });

        var final = await scenario.Queries.FlaggedAsync();
        var flagged = final.Select(f => f.Account).ToHashSet();
        var denied = final.Where(f => f.Assessment.Decision == Decision.Deny).Select(f => f.Account).ToHashSet();
        long campaignAccounts = 0, campaignDenied = 0;
        var rows = new List<string>();
        var failures = new List<string>();
        foreach (var family in world.Sink.Accounts.GroupBy(a => a.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var accounts = family.ToList();
            var hits = accounts.Count(a => flagged.Contains(a.Account));
            if (accounts[0].Fraud)
            {
                var byEvidence = 0;
                foreach (var account in accounts)
                {
                    byEvidence += (await scenario.AccountAsync(account.Account)).Evidence.Decision >= Decision.Review ? 1 : 0;
                }

                var first = firstFlagged.GetValueOrDefault(family.Key, 1);
                var deniedHere = accounts.Count(a => denied.Contains(a.Account));
                campaignAccounts += accounts.Count;
                campaignDenied += deniedHere;
                rows.Add($"{family.Key}: campaign, {hits}/{accounts.Count} flagged, {deniedHere} denied, {byEvidence} by current evidence, first flagged at {first:P2} of its traffic");
                if (byEvidence < 0.95 * accounts.Count || first >= 0.05)
                {
                    failures.Add(rows[^1]);
                }
            }
            else
            {
                rows.Add($"{family.Key}: organic, {hits}/{accounts.Count} flagged");
                if (hits > 0)
                {
                    failures.Add(rows[^1]);
                }
            }
        }

        // The target is `deny` recall of 0.80 at `deny` precision 0.99: with no organic account flagged at all,
        // the precision is 1.
        if (campaignDenied < 0.8 * campaignAccounts)
        {
            failures.Add($"campaigns: {campaignDenied}/{campaignAccounts} denied, under 80%");
        }

        output.WriteLine(string.Join('\n', rows));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}

[CollectionDefinition(HeldOutWorldTests.Name, DisableParallelization = true)]
public sealed class HeldOutWorldCollection : ICollectionFixture<ClusterFixture>;
