using System.Diagnostics;
using Orleans.Distill.Events;
using Orleans.Distill.Graph;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// An in-memory union-find over the links the events make (account to IP range, card, device, template): the
/// physical limit of keeping connected components, with no network, storage or scoring.
/// </summary>
public static class UnionFindBaseline
{
    public static List<(string Account, string Entity)> Links(IEnumerable<DistillEvent> events) =>
        [.. events.SelectMany(e => e.LinkedEntities().Select(entity => (NodeKey.Account(e.Account), entity)))];

    /// <summary>The best of three rounds, each over a fresh forest, so a collection or the JIT does not set the figure.</summary>
    public static double LinksPerSecond(IReadOnlyList<(string Account, string Entity)> links)
    {
        var best = 0.0;
        for (var round = 0; round < 3; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            var forest = new UnionFind<string>();
            foreach (var (account, entity) in links)
            {
                forest.Union(account, entity);
            }

            best = Math.Max(best, links.Count / stopwatch.Elapsed.TotalSeconds);
        }

        return best;
    }

    /// <summary>
    /// Bytes a forest over the events' links keeps alive, key strings included: the least memory that knowing
    /// every account's component can take.
    /// </summary>
    public static long ForestBytes(IReadOnlyList<DistillEvent> events)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var forest = new UnionFind<string>();
        foreach (var e in events)
        {
            var account = NodeKey.Account(e.Account);
            forest.Add(account);
            foreach (var entity in e.LinkedEntities())
            {
                forest.Union(account, entity);
            }
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(forest);
        return after - before;
    }
}
