using Orleans.Distill.Graph;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Components;

/// <summary>
/// Client side of the union-find forest: resolves components to their roots and merges them.
/// Works from any grain factory (a silo, an Orleans client), never from inside a component grain.
/// </summary>
public sealed class ComponentForest(IGrainFactory grains, GraphOptions options)
{
    public Task<string> ResolveAsync(string component, string? memberHint = null) =>
        grains.GetGrain<IComponentGrain>(component).Resolve(memberHint);

    /// <summary>
    /// Resolves every node's component pointer, then merges the roots each link spans. Roots that one batch
    /// merges together are first grouped in memory, so each group joins its highest root directly.
    /// Returns the roots that were absorbed by this call.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> UnionAsync(
        IReadOnlyDictionary<string, string> pointers,
        IEnumerable<(string A, string B)> links)
    {
        var roots = await ResolveAllAsync(pointers);
        var groups = new UnionFind<string>();
        foreach (var (a, b) in links)
        {
            groups.Union(roots[a], roots[b]);
        }

        var absorbed = new List<string>();
        var joins = new List<Task>();
        foreach (var group in groups.Sets())
        {
            if (group.Count < 2)
            {
                continue;
            }

            var target = group.Max(StringComparer.Ordinal)!;
            foreach (var root in group)
            {
                if (root != target)
                {
                    joins.Add(UnionPairAsync(root, target, absorbed));
                }
            }
        }

        await Task.WhenAll(joins);
        return absorbed;
    }

    /// <summary>Each node's current root, resolving each distinct pointer once.</summary>
    public async Task<Dictionary<string, string>> ResolveAllAsync(IReadOnlyDictionary<string, string> pointers)
    {
        var hints = new Dictionary<string, string?>();
        foreach (var (node, pointer) in pointers)
        {
            // Only a node's own home learns its member from the hint; a shared pointer already exists.
            if (!hints.ContainsKey(pointer) || pointer == ComponentId.HomeOf(node))
            {
                hints[pointer] = pointer == ComponentId.HomeOf(node) ? node : null;
            }
        }

        var resolved = await Task.WhenAll(hints.Select(async h => (h.Key, Root: await ResolveAsync(h.Key, h.Value))));
        var rootOf = resolved.ToDictionary(r => r.Key, r => r.Root);
        return pointers.ToDictionary(p => p.Key, p => rootOf[p.Value]);
    }

    private async Task UnionPairAsync(string a, string b, List<string> absorbed)
    {
        for (var attempt = 0; attempt < options.MaxUnionAttempts; attempt++)
        {
            var rootsOf = await Task.WhenAll(ResolveAsync(a), ResolveAsync(b));
            var (ra, rb) = (rootsOf[0], rootsOf[1]);
            if (ra == rb)
            {
                return;
            }

            var (low, high) = ComponentId.Compare(ra, rb) < 0 ? (ra, rb) : (rb, ra);
            var result = await grains.GetGrain<IComponentGrain>(low).JoinInto(high);
            if (result.Joined)
            {
                lock (absorbed)
                {
                    absorbed.Add(low);
                }

                return;
            }

            (a, b) = (ra, rb);
        }

        throw new InvalidOperationException(
            $"Components {a} and {b} could not be merged in {options.MaxUnionAttempts} attempts under concurrent merges.");
    }
}
