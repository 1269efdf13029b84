using Orleans.Distill.Detection;
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
    /// <summary>
    /// A plain union-find over the links that glue at the newest event time, written from the rules as stated, not
    /// from the production classes. A link is evidence while its last sighting is within its kind's window; for a
    /// kind kept while its account is active, while the later of that and the account's last event is. An entity
    /// is a hub when it counts more distinct accounts than its kind's threshold (links in the window; every link
    /// for a kind kept while active), or when it is an allowlisted range.
    /// </summary>
    public static UnionFind<string> Expected(IEnumerable<DistillEvent> events, DetectionOptions? detection = null)
    {
        detection ??= TestGraph.Detection;
        var all = events.ToList();
        var lastSeen = new Dictionary<(string Account, string Entity), DateTime>();
        var accountLastSeen = new Dictionary<string, DateTime>();
        var reference = new UnionFind<string>();
        foreach (var e in all)
        {
            var account = NodeKey.Account(e.Account);
            reference.Add(account);
            accountLastSeen[account] = accountLastSeen.TryGetValue(account, out var active) && active > e.At ? active : e.At;
            foreach (var entity in e.LinkedEntities())
            {
                reference.Add(entity);
                var key = (account, entity);
                lastSeen[key] = lastSeen.TryGetValue(key, out var seen) && seen > e.At ? seen : e.At;
            }
        }

        var watermark = all.Count == 0 ? DateTime.MinValue : all.Max(e => e.At);
        TimeSpan WindowOf(string entity)
        {
            var kind = NodeKey.KindOf(entity).Name();
            return detection.Lifetimes.TryGetValue(kind, out var lifetime) && lifetime.Window is { } w ? w : detection.Window;
        }

        bool WhileActive(string entity) =>
            detection.Lifetimes.TryGetValue(NodeKey.KindOf(entity).Name(), out var lifetime) && lifetime.WhileActive;

        bool Within(string entity, DateTime at) => WindowOf(entity) == TimeSpan.Zero || at >= watermark - WindowOf(entity);

        var live = lastSeen
            .Where(l => Within(l.Key.Entity, WhileActive(l.Key.Entity) && accountLastSeen[l.Key.Account] > l.Value ? accountLastSeen[l.Key.Account] : l.Value))
            .Select(l => l.Key)
            .ToList();
        var counted = lastSeen.Where(l => WhileActive(l.Key.Entity) || Within(l.Key.Entity, l.Value))
            .GroupBy(l => l.Key.Entity)
            .ToDictionary(g => g.Key, g => g.Count());
        var allowlist = detection.Allowlist().Select(System.Net.IPNetwork.Parse).ToList();

        bool IsHub(string entity)
        {
            NodeKey.TryParse(entity, out var kind, out var value);
            if (kind == EntityKind.IpRange && System.Net.IPAddress.TryParse(value.Split('/')[0], out var address) && allowlist.Any(n => n.Contains(address)))
            {
                return true;
            }

            return counted.GetValueOrDefault(entity) > (detection.HubThresholds.TryGetValue(kind.Name(), out var t) ? t : int.MaxValue);
        }

        foreach (var (account, entity) in live)
        {
            if (!IsHub(entity))
            {
                reference.Union(account, entity);
            }
        }

        return reference;
    }

    /// <summary>Asserts the cluster matches the reference, retrying until background rebuilds have converged.</summary>
    public static Task AssertConvergesAsync(ClusterFixture fixture, IGrainFactory grains, IEnumerable<DistillEvent> events, DetectionOptions? detection = null, TimeSpan? timeout = null) =>
        Eventually.AssertAsync(() => AssertMatchesAsync(fixture, grains, events, detection), timeout ?? TimeSpan.FromSeconds(30));

    public static async Task AssertMatchesAsync(ClusterFixture fixture, IGrainFactory grains, IEnumerable<DistillEvent> events, DetectionOptions? detection = null)
    {
        var queries = fixture.Queries(grains);
        var forest = new Components.ComponentForest(grains, TestGraph.Options<GraphOptions>(fixture.Configuration));
        var seenRoots = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var set in Expected(events, detection).Sets())
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
        return await forest.ResolveAsync(entity.Component, node);
    }
}
