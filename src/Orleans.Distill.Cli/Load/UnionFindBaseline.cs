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
    /// Bytes allocated to build a forest over the events' links, key strings included: at most the memory that
    /// knowing every account's component takes. Counted on this thread alone, so neither a collection nor other
    /// threads' allocations in the same process can skew it. The arrays the forest outgrew on the way, and the
    /// key strings of links it already held, are counted too: an upper bound, which flatters the host's ratio.
    /// </summary>
    public static long ForestBytes(IReadOnlyList<DistillEvent> events)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
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

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(forest);
        return allocated;
    }
}
