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
    /// Bytes a forest over the events' links takes, key strings included: the least memory that knowing every
    /// account's component can take. The forest's own arrays are what this thread allocated while building it
    /// (other threads and collections cannot skew that; arrays it outgrew on the way are counted too, so it is
    /// an upper bound); each distinct key string is counted once, at its size on a 64-bit runtime.
    /// </summary>
    public static long ForestBytes(IReadOnlyList<DistillEvent> events)
    {
        // One instance per key, made before the count starts: the forest keeps each key once.
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        string Key(string key) => keys.TryGetValue(key, out var known) ? known : keys[key] = key;
        var links = events.Select(e => (Account: Key(NodeKey.Account(e.Account)), Entities: e.LinkedEntities().Select(Key).ToList())).ToList();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var forest = new UnionFind<string>();
        foreach (var (account, entities) in links)
        {
            forest.Add(account);
            foreach (var entity in entities)
            {
                forest.Union(account, entity);
            }
        }

        var structure = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(forest);
        return structure + keys.Keys.Sum(StringBytes);
    }

    /// <summary>Object header, method table, length, the UTF-16 characters and their terminator, in 8-byte words.</summary>
    private static long StringBytes(string s) => (8 + 8 + 4 + (2L * s.Length) + 2 + 7) / 8 * 8;
}
