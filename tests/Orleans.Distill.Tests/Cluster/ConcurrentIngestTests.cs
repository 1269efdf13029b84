using Orleans.Distill.Events;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>Heavy contention on one shared set of nodes: every client merges into the same components at once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConcurrentIngestTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ManyClientsMergingTheSameComponents_NeitherDeadlockNorDiverge()
    {
        var p = "cc" + Guid.NewGuid().ToString("N")[..6] + "-";
        var random = new Random(20260422);
        var batches = Enumerable.Range(0, 48).Select(_ => Enumerable.Range(0, 60).Select(_ =>
        {
            var account = $"{p}a{random.Next(400)}";
            return random.Next(3) switch
            {
                0 => Payment(account, $"{p}card{random.Next(150)}"),
                1 => Signup(account, $"{p}range{random.Next(120)}"),
                _ => Usage(account, device: $"{p}dev{random.Next(150)}"),
            };
        }).ToList()).ToList();

        var clients = fixture.Clients;
        // A call cycle between grains would hang here until the deadline rather than finish.
        await Task.WhenAll(batches.Select((b, i) => fixture.Pipeline(clients[i % clients.Count]).IngestAsync(b)))
            .WaitAsync(TimeSpan.FromMinutes(2));

        await GraphOracle.AssertMatchesAsync(fixture, clients[0], batches.SelectMany(b => b));
    }

    [Fact]
    public async Task OneBatchGluingThousandsOfAccounts_MakesOneComponent()
    {
        // 4,000 accounts chained through 160 templates, none shared by more than 50 (so none is a hub).
        var p = "gc" + Guid.NewGuid().ToString("N")[..6] + "-";
        var events = Enumerable.Range(0, 4000)
            .SelectMany(i => new[]
            {
                Usage($"{p}a{i}", template: $"{p}tpl{i / 25}", category: TrafficCategory.Coding),
                Usage($"{p}a{i}", template: $"{p}tpl{(i + 12) / 25 % 160}", category: TrafficCategory.Coding),
            })
            .ToList();

        await fixture.Pipeline(fixture.Clients[1]).IngestAsync(events).WaitAsync(TimeSpan.FromMinutes(2));

        var root = (await fixture.Queries().GetAccountAsync($"{p}a3999"))!.Component;
        var component = await fixture.Queries().GetComponentAsync(root);
        Assert.Equal((4000L, 160L), (component!.Aggregate.Accounts, component.Aggregate.Templates));
        Assert.Equal(4000, component.Accounts.Count);
        await GraphOracle.AssertMatchesAsync(fixture, fixture.Clients[0], events);
    }
}
