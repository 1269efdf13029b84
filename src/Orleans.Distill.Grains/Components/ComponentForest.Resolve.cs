using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Components;

/// <summary>Finding roots: from a node's pointer to the root of its tree, across the splits the pointer predates.</summary>
public sealed partial class ComponentForest
{
    /// <summary>The root of <paramref name="node"/>'s component, starting from its pointer.</summary>
    public async Task<string> ResolveAsync(string pointer, string node)
    {
        var answer = await ResolveFromAsync(pointer, node);
        return answer.Root ?? await PlaceAnewAsync(node, pointer);
    }

    /// <summary>The root a root (or a component named by an analyst) now belongs to; null if it split.</summary>
    public async Task<string?> ResolveComponentAsync(string component) => (await ResolveFromAsync(component, null)).Root;

    /// <summary>
    /// Walks from <paramref name="pointer"/> to the root of <paramref name="member"/>'s tree, following the pieces
    /// that retired roots on the way name (one hop per split the pointer predates).
    /// </summary>
    private async Task<Resolution> ResolveFromAsync(string pointer, string? member)
    {
        var answer = await Component(pointer).Resolve(member);
        for (var hop = 0; answer.Next is { } next; hop++)
        {
            if (hop >= options.MaxUnionAttempts)
            {
                throw new GraphContentionException($"{member ?? pointer} was handed on by {hop} splits in a row from {pointer}.");
            }

            answer = await Component(next).Resolve(member) with { ViaSplit = true };
        }

        return answer;
    }

    /// <summary>The live components a split component became (its pieces may have split or merged again since).</summary>
    public async Task<IReadOnlyList<string>> SplitIntoAsync(string component)
    {
        var node = await Component(component).GetSummary();
        if (node.SplitInto.Count == 0 && node.Parent is { } parent)
        {
            // A component under a root that split went wherever its root went.
            return await SplitIntoAsync(parent);
        }

        var live = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var piece in node.SplitInto)
        {
            if (await ResolveComponentAsync(piece) is { } root)
            {
                live.Add(root);
            }
            else
            {
                live.UnionWith(await SplitIntoAsync(piece));
            }
        }

        return [.. live];
    }

    /// <summary>
    /// Each node's current root, resolving each distinct pointer once. Nodes in <paramref name="knownRoots"/>
    /// were resolved moments ago and are not asked again. A pointer whose path passes a split is resolved node by
    /// node, since its nodes may have gone to different pieces: which is why roots are known by node, never by
    /// pointer.
    /// </summary>
    public async Task<Dictionary<string, string>> ResolveAllAsync(
        IReadOnlyDictionary<string, string> pointers, IReadOnlyDictionary<string, string>? knownRoots = null)
    {
        var byPointer = new Dictionary<string, List<string>>();
        foreach (var (node, pointer) in pointers)
        {
            if (knownRoots?.ContainsKey(node) == true)
            {
                continue;
            }

            if (!byPointer.TryGetValue(pointer, out var nodes))
            {
                byPointer[pointer] = nodes = [];
            }

            // A node's own home goes first: the home learns its member from the first resolve.
            if (pointer == ComponentId.HomeOf(node))
            {
                nodes.Insert(0, node);
            }
            else
            {
                nodes.Add(node);
            }
        }

        var resolved = await Task.WhenAll(byPointer.Select(async kv => (Pointer: kv.Key, Roots: await ResolveGroupAsync(kv.Key, kv.Value))));
        var result = new Dictionary<string, string>(pointers.Count);
        foreach (var (_, roots) in resolved)
        {
            foreach (var (node, root) in roots)
            {
                result[node] = root;
            }
        }

        foreach (var node in pointers.Keys)
        {
            if (!result.ContainsKey(node))
            {
                result[node] = knownRoots![node];
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<(string Node, string Root)>> ResolveGroupAsync(string pointer, List<string> nodes)
    {
        var first = await ResolveFromAsync(pointer, nodes[0]);
        if (!first.ViaSplit && first.Root is not null)
        {
            return [.. nodes.Select(n => (n, first.Root))];
        }

        return await Task.WhenAll(nodes.Select(async n => (n, await ResolveAsync(pointer, n))));
    }

    /// <summary>
    /// Gives a node whose pointer no longer leads to a component holding it (it was being attached when its
    /// component split) a component of its own. Only one caller wins the repoint; the others resolve the winner's.
    /// </summary>
    private async Task<string> PlaceAnewAsync(string node, string stalePointer)
    {
        for (var attempt = 0; attempt < options.MaxUnionAttempts; attempt++)
        {
            var fresh = ComponentId.NewRandom();
            var won = NodeKey.KindOf(node) == EntityKind.Account
                ? await grains.Reference<IAccountGrain>(node["account:".Length..]).Repoint(fresh, stalePointer)
                : await grains.Reference<IEntityGrain>(node).Repoint(fresh, stalePointer);
            var pointer = won ? fresh : await PointerOfAsync(node);
            var answer = await ResolveFromAsync(pointer, node);
            if (answer.Root is not null)
            {
                return answer.Root;
            }

            stalePointer = pointer;
        }

        throw new GraphContentionException($"Node {node} could not be placed in a component in {options.MaxUnionAttempts} attempts.");
    }

    private async Task<string> PointerOfAsync(string node) =>
        NodeKey.KindOf(node) == EntityKind.Account
            ? (await grains.Reference<IAccountGrain>(node["account:".Length..]).Get())?.Component ?? ComponentId.HomeOf(node)
            : (await grains.Reference<IEntityGrain>(node).Get())?.Component ?? ComponentId.HomeOf(node);
}
