using Orleans.Distill.Grains;
using Orleans.Distill.Graph;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ComponentMergeTests(ClusterFixture fixture)
{
    private readonly string _p = "m" + Guid.NewGuid().ToString("N")[..8] + "-";

    [Fact]
    public async Task Merge_TwoAccountsSharingCard_BecomeOne()
    {
        await fixture.Pipeline().IngestAsync([Payment(_p + "alice", _p + "card"), Payment(_p + "bob", _p + "card"), Payment(_p + "carol", _p + "other")]);
        var queries = fixture.Queries();

        var alice = await queries.GetAccountAsync(_p + "alice");
        var bob = await queries.GetAccountAsync(_p + "bob");
        var carol = await queries.GetAccountAsync(_p + "carol");
        Assert.Equal(alice!.Component, bob!.Component);
        Assert.NotEqual(alice.Component, carol!.Component);

        var component = await queries.GetComponentAsync(alice.Component);
        Assert.Equal([_p + "alice", _p + "bob"], component!.Accounts);
        Assert.Equal(["instrument:" + _p + "card"], component.Entities);
        Assert.Equal(2, component.Aggregate.Accounts);
        Assert.Equal(1, component.Aggregate.Instruments);
    }

    [Fact]
    public async Task Merge_ChainAcrossBatchesAndClients_JoinsEveryone()
    {
        var clients = fixture.Clients;
        await fixture.Pipeline(clients[0]).IngestAsync([Payment(_p + "a", _p + "card1")]);
        await fixture.Pipeline(clients[1]).IngestAsync([Payment(_p + "b", _p + "card1"), Signup(_p + "b", _p + "198.51.100.0/24")]);
        await fixture.Pipeline(clients[2]).IngestAsync([Signup(_p + "c", _p + "198.51.100.0/24", device: _p + "dev")]);
        await fixture.Pipeline(clients[3]).IngestAsync([Usage(_p + "d", device: _p + "dev", template: _p + "tpl")]);

        var queries = fixture.Queries(clients[1]);
        var roots = new HashSet<string>();
        foreach (var account in new[] { "a", "b", "c", "d" })
        {
            roots.Add((await queries.GetAccountAsync(_p + account))!.Component);
        }

        var component = await queries.GetComponentAsync(Assert.Single(roots));
        Assert.Equal(4, component!.Accounts.Count);
        Assert.Equal(4, component.Entities.Count);
        Assert.Equal((4L, 1L, 1L, 1L, 1L), (component.Aggregate.Accounts, component.Aggregate.Instruments, component.Aggregate.IpRanges, component.Aggregate.Devices, component.Aggregate.Templates));
    }

    [Fact]
    public async Task Resend_SameBatch_IsAppliedOnce()
    {
        var batch = new[]
        {
            Payment(_p + "x", _p + "card", id: _p + "e1"),
            Usage(_p + "x", ipRange: _p + "203.0.113.0/24", requests: 50, id: _p + "e2"),
            Payment(_p + "y", _p + "card", at: T0.AddHours(1), id: _p + "e3"),
        };
        var first = await fixture.Pipeline().IngestAsync(batch);
        var second = await fixture.Pipeline(fixture.Clients[2]).IngestAsync([.. batch.Reverse()]);

        Assert.Equal((3, 0), (first.Applied, first.Duplicates));
        Assert.Equal((0, 3), (second.Applied, second.Duplicates));
        var x = await fixture.Queries().GetAccountAsync(_p + "x");
        Assert.Equal(50, x!.Account.Requests);
        Assert.All(x.Account.Links, l => Assert.Equal(1, l.Link.Count));
        var component = await fixture.Queries().GetComponentAsync(x.Component);
        Assert.Equal(2, component!.Aggregate.Accounts);
        Assert.Equal(2, component.Aggregate.Entities);

        var card = await fixture.Cluster.Client.GetGrain<IEntityGrain>("instrument:" + _p + "card").Get();
        Assert.Equal([_p + "x", _p + "y"], card!.Links.Select(l => l.Other).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AbsorbedComponentId_ResolvesToTheComponentItBecame()
    {
        await fixture.Pipeline().IngestAsync([Payment(_p + "s", _p + "c1")]);
        var before = (await fixture.Queries().GetAccountAsync(_p + "s"))!.Component;
        await fixture.Pipeline().IngestAsync([Payment(_p + "t", _p + "c2"), Payment(_p + "t", _p + "c1"), Payment(_p + "u", _p + "c2")]);
        var after = (await fixture.Queries().GetAccountAsync(_p + "s"))!.Component;

        var viaOld = await fixture.Queries().GetComponentAsync(before);
        Assert.Equal(after, viaOld!.Id);
        Assert.Equal(3, viaOld.Accounts.Count);
        Assert.Null(await fixture.Queries().GetComponentAsync(ComponentId.HomeOf("account:" + _p + "never-seen")));
        Assert.Null(await fixture.Queries().GetComponentAsync("not-an-id"));
        Assert.Null(await fixture.Queries().GetAccountAsync(_p + "never-seen"));
    }

    [Fact]
    public async Task JoinWrittenButNeverAdopted_IsFinishedByTheNextResolve()
    {
        // As a driver that stopped after writing a join and before the adoption leaves it.
        await fixture.Pipeline().IngestAsync([Payment(_p + "v", _p + "c1"), Payment(_p + "w", _p + "c2")]);
        var queries = fixture.Queries();
        var roots = new[] { (await queries.GetAccountAsync(_p + "v"))!.Component, (await queries.GetAccountAsync(_p + "w"))!.Component };
        var (low, high) = ComponentId.Compare(roots[0], roots[1]) < 0 ? (roots[0], roots[1]) : (roots[1], roots[0]);
        var ticket = await fixture.Cluster.Client.GetGrain<IComponentGrain>(low).PrepareJoin(high);
        Assert.Equal(HandOffStatus.Done, ticket.Status);

        var lowSide = roots[0] == low ? "v" : "w";
        Assert.Equal(high, (await queries.GetAccountAsync(_p + lowSide))!.Component);
        var component = await queries.GetComponentAsync(high);
        Assert.Equal([_p + "v", _p + "w"], component!.Accounts);
        Assert.Equal(2, component.Aggregate.Accounts);
    }

    [Fact]
    public async Task TopBySize_ListsLargestLiveComponentsFirst()
    {
        // A ring of 30 accounts on 3 cards; other tests share the cluster, so only relative order is asserted.
        var ring = Enumerable.Range(0, 30).Select(i => Payment($"{_p}r{i}", $"{_p}card{i % 3}")).ToList();
        ring.AddRange(Enumerable.Range(0, 3).Select(i => Payment($"{_p}r{i}", $"{_p}card{(i + 1) % 3}")));
        await fixture.Pipeline().IngestAsync(ring.Take(20).ToList());
        await fixture.Pipeline(fixture.Clients[1]).IngestAsync(ring.Skip(20).ToList());

        var top = await fixture.Queries().TopAsync(global::Orleans.Distill.Host.Api.DistillApi.MaxTop, byScore: false);
        var ringRoot = (await fixture.Queries().GetAccountAsync(_p + "r0"))!.Component;
        var ring1 = top.Single(c => c.Id == ringRoot);
        Assert.Equal((30L, 3L), (ring1.Accounts, ring1.Entities));
        Assert.True(top.Zip(top.Skip(1)).All(p => p.First.Accounts >= p.Second.Accounts));
        Assert.Equal(top.Count, top.Select(c => c.Id).Distinct().Count());

        // Components absorbed into the ring are gone from the list.
        var absorbed = Enumerable.Range(0, 30).Select(i => ComponentId.HomeOf($"account:{_p}r{i}")).Where(id => id != ringRoot).ToHashSet();
        Assert.DoesNotContain(top, c => absorbed.Contains(c.Id));
    }
}
