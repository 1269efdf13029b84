using Orleans.Distill.Events;
using Orleans.Distill.Grains;
using Orleans.Distill.Graph;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Tests.Cluster;

/// <summary>
/// Checks the cluster's components against a plain union-find over the same links: same partition of nodes,
/// same members, same counts.
/// </summary>
public static class GraphOracle
{
    public static UnionFind<string> Expected(IEnumerable<DistillEvent> events)
    {
        var reference = new UnionFind<string>();
        foreach (var e in events)
        {
            var account = NodeKey.Account(e.Account);
            reference.Add(account);
            foreach (var entity in e.LinkedEntities())
            {
                reference.Union(account, entity);
            }
        }

        return reference;
    }

    public static async Task AssertMatchesAsync(ClusterFixture fixture, IGrainFactory grains, IEnumerable<DistillEvent> events)
    {
        var queries = fixture.Queries(grains);
        var forest = new Components.ComponentForest(grains, ClusterFixture.GraphOptions.Value);
        var seenRoots = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var set in Expected(events).Sets())
        {
            var roots = new HashSet<string>();
            foreach (var node in set)
            {
                roots.Add(await RootOfAsync(grains, queries, forest, node));
            }

            var root = Assert.Single(roots);
            Assert.False(seenRoots.TryGetValue(root, out var other), $"Two separate sets share component {root}: [{string.Join(", ", set)}] and [{string.Join(", ", other ?? [])}]");
            seenRoots[root] = set;

            var component = await queries.GetComponentAsync(root);
            Assert.NotNull(component);
            var expectedAccounts = set.Where(n => NodeKey.KindOf(n) == EntityKind.Account).Select(n => n["account:".Length..]).Order(StringComparer.Ordinal);
            var expectedEntities = set.Where(n => NodeKey.KindOf(n) != EntityKind.Account).Order(StringComparer.Ordinal);
            Assert.Equal(expectedAccounts, component.Accounts);
            Assert.Equal(expectedEntities, component.Entities);
            Assert.Equal(component.Accounts.Count, component.Aggregate.Accounts);
            Assert.Equal(component.Entities.Count, component.Aggregate.Entities);
            foreach (var kind in EntityKinds.Linked)
            {
                Assert.Equal(set.Count(n => NodeKey.KindOf(n) == kind), component.Aggregate.CountOf(kind));
            }
        }
    }

    private static async Task<string> RootOfAsync(IGrainFactory grains, Queries.GraphQueries queries, Components.ComponentForest forest, string node)
    {
        if (NodeKey.KindOf(node) == EntityKind.Account)
        {
            var account = await queries.GetAccountAsync(node["account:".Length..]);
            Assert.NotNull(account);
            return account.Component;
        }

        var entity = await grains.GetGrain<IEntityGrain>(node).Get();
        Assert.NotNull(entity);
        return await forest.ResolveAsync(entity.Component);
    }
}
