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
    /// The member hint to resolve <paramref name="pointer"/> with: only a node's own home component learns its
    /// member from the hint; any other pointer names a component that already exists.
    /// </summary>
    public static string? MemberHint(string node, string pointer) => pointer == ComponentId.HomeOf(node) ? node : null;

    /// <summary>
    /// Resolves every node's component pointer, then merges the roots each link spans. Roots that one batch
    /// merges together are first grouped in memory, so each group joins its highest root directly.
    /// </summary>
    public async Task<UnionOutcome> UnionAsync(
        IReadOnlyDictionary<string, string> pointers,
        IEnumerable<(string A, string B)> links,
        IReadOnlyDictionary<string, string>? knownRoots = null)
    {
        var roots = await ResolveAllAsync(pointers, knownRoots);
        var groups = new UnionFind<string>();
        foreach (var (a, b) in links)
        {
            groups.Union(roots[a], roots[b]);
        }

        foreach (var root in roots.Values)
        {
            groups.Add(root);
        }

        var absorbed = new List<string>();
        var joins = new List<Task>();
        var targets = new List<string>();
        foreach (var group in groups.Sets())
        {
            var target = group.Max(StringComparer.Ordinal)!;
            targets.Add(target);
            if (group.Count > 1)
            {
                joins.Add(JoinGroupAsync(target, [.. group.Where(r => r != target)], absorbed));
            }
        }

        await Task.WhenAll(joins);
        return new UnionOutcome(targets, absorbed);
    }

    /// <summary>
    /// Each node's current root, resolving each distinct pointer once. Pointers in <paramref name="knownRoots"/>
    /// were resolved moments ago and are not asked again: a union that finds a root moved on resolves afresh.
    /// </summary>
    public async Task<Dictionary<string, string>> ResolveAllAsync(
        IReadOnlyDictionary<string, string> pointers, IReadOnlyDictionary<string, string>? knownRoots = null)
    {
        var hints = new Dictionary<string, string?>();
        foreach (var (node, pointer) in pointers)
        {
            if (knownRoots?.ContainsKey(pointer) == true)
            {
                continue;
            }

            var hint = MemberHint(node, pointer);
            if (hint is not null || !hints.ContainsKey(pointer))
            {
                hints[pointer] = hint;
            }
        }

        var resolved = await Task.WhenAll(hints.Select(async h => (h.Key, Root: await ResolveAsync(h.Key, h.Value))));
        var rootOf = resolved.ToDictionary(r => r.Key, r => r.Root);
        return pointers.ToDictionary(p => p.Key, p => rootOf.TryGetValue(p.Value, out var root) ? root : knownRoots![p.Value]);
    }

    /// <summary>Attaches new members to <paramref name="component"/>'s tree, walking up until a component takes them.</summary>
    public Task AttachAsync(string component, IReadOnlyList<string> members) =>
        HandUpAsync(component, members, (grain, items) => grain.Attach(items));

    /// <summary>
    /// Joins roots into <paramref name="target"/>: each writes its parent, then the target (or the root it has
    /// become part of) adopts them all in one call. Roots that moved on meanwhile are merged one by one.
    /// </summary>
    private async Task JoinGroupAsync(string target, IReadOnlyList<string> roots, List<string> absorbed)
    {
        var tickets = await Task.WhenAll(roots.Select(r => grains.GetGrain<IComponentGrain>(r).PrepareJoin(target)));
        var prepared = tickets.Where(t => t.Prepared).Select(t => t.Adoption!).ToList();
        if (prepared.Count > 0)
        {
            await AdoptAsync(target, prepared);
            lock (absorbed)
            {
                absorbed.AddRange(prepared.Select(p => p.Child));
            }
        }

        await Task.WhenAll(roots.Zip(tickets).Where(x => !x.Second.Prepared).Select(x => UnionPairAsync(x.First, target, absorbed)));
    }

    private Task AdoptAsync(string component, IReadOnlyList<Adoption> children) =>
        HandUpAsync(component, children, (grain, items) => grain.Adopt(items));

    /// <summary>Offers items to a component and up its parents until every one is taken.</summary>
    private async Task HandUpAsync<T>(
        string component, IReadOnlyList<T> items, Func<IComponentGrain, IReadOnlyList<T>, Task<HandOffResult<T>>> offer)
    {
        for (var attempt = 0; attempt < options.MaxUnionAttempts; attempt++)
        {
            var result = await offer(grains.GetGrain<IComponentGrain>(component), items);
            if (result.Accepted)
            {
                return;
            }

            (component, items) = (result.Redirect!, result.Remaining);
        }

        throw new InvalidOperationException($"{items.Count} items were not taken in by {component}'s tree within {options.MaxUnionAttempts} steps.");
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
            var ticket = await grains.GetGrain<IComponentGrain>(low).PrepareJoin(high);
            if (ticket.Prepared)
            {
                await AdoptAsync(high, [ticket.Adoption!]);
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

/// <summary>
/// What a union pass did: the root each merged group was joined into (one per group, singletons included),
/// and the roots it absorbed. A target may itself have been absorbed meanwhile by a concurrent batch.
/// </summary>
public sealed record UnionOutcome(IReadOnlyList<string> Targets, IReadOnlyCollection<string> Absorbed);
