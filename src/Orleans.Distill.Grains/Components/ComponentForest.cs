using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Components;

/// <summary>
/// Client side of the union-find forest: resolves nodes to their roots, merges roots, places nodes whose
/// component split without them. Works from any grain factory (a silo, an Orleans client), never from inside a
/// component grain. A frozen root (being split) is waited for; a retired one raises
/// <see cref="ComponentRetiredException"/> so the caller starts again from the nodes.
/// </summary>
public sealed partial class ComponentForest(IGrainFactory grains, GraphOptions options)
{
    /// <summary>
    /// Resolves every node's component pointer, then merges the roots each link spans. Roots that one batch
    /// merges together are first grouped in memory, so each group joins its highest root directly.
    /// A group that meets a component split under it is resolved again from its nodes (now in the pieces) and
    /// merged again, up to <see cref="GraphOptions.MaxRestarts"/> rounds; the other groups keep what they did.
    /// </summary>
    public async Task<UnionOutcome> UnionAsync(
        IReadOnlyDictionary<string, string> pointers,
        IEnumerable<(string A, string B)> links,
        IReadOnlyDictionary<string, string>? knownRoots = null)
    {
        var absorbed = new List<string>();
        var targets = new List<string>();
        var settled = new Dictionary<string, ComponentNode>();
        var pending = links.ToList();
        var nodes = pointers;
        for (var round = 1; ; round++)
        {
            var roots = await ResolveAllAsync(nodes, round == 1 ? knownRoots : null);
            var failed = new List<(string A, string B)>();
            await Task.WhenAll(Groups(roots, pending).Select(async group =>
            {
                try
                {
                    var target = group.Roots.Max(StringComparer.Ordinal)!;
                    if (group.Roots.Count > 1)
                    {
                        await JoinGroupAsync(target, [.. group.Roots.Where(r => r != target)], absorbed);
                    }

                    var node = await SettleAsync(target);
                    lock (settled)
                    {
                        targets.Add(target);
                        settled[node.Id] = node;
                    }
                }
                catch (ComponentRetiredException) when (group.Links.Count == 0)
                {
                    // A node with nothing to merge whose component split: the split queued its pieces' rebuilds.
                }
                catch (ComponentRetiredException) when (round < options.MaxRestarts)
                {
                    lock (failed)
                    {
                        failed.AddRange(group.Links);
                    }
                }
            }));

            if (failed.Count == 0)
            {
                return new UnionOutcome(targets, absorbed, [.. settled.Values]);
            }

            pending = failed;
            nodes = failed.SelectMany(l => new[] { l.A, l.B }).Distinct().ToDictionary(n => n, n => pointers[n]);
        }
    }

    /// <summary>The roots each link's ends are in, grouped by what the links connect, with the links of each group.</summary>
    private static List<(List<string> Roots, List<(string A, string B)> Links)> Groups(
        IReadOnlyDictionary<string, string> roots, IReadOnlyList<(string A, string B)> links)
    {
        var sets = new UnionFind<string>();
        foreach (var root in roots.Values)
        {
            sets.Add(root);
        }

        foreach (var (a, b) in links)
        {
            sets.Union(roots[a], roots[b]);
        }

        var groups = sets.Sets().Select(set => (Roots: set.ToList(), Links: new List<(string A, string B)>())).ToList();
        var groupOf = new Dictionary<string, int>();
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var root in groups[g].Roots)
            {
                groupOf[root] = g;
            }
        }

        foreach (var link in links)
        {
            groups[groupOf[roots[link.A]]].Links.Add(link);
        }

        return groups;
    }

    /// <summary>
    /// The root <paramref name="target"/> now belongs to, once no split is under way there. A split reads its
    /// members' links after freezing, so links written before a root was seen unfrozen are in its read; links
    /// whose ends were found under a frozen root may not be, and if that root then retires, the group is resolved
    /// again from its nodes (now in the pieces) and merges what the split missed.
    /// </summary>
    private async Task<ComponentNode> SettleAsync(string target)
    {
        var waited = new BusyWait(options);
        while (true)
        {
            var root = await ResolveComponentAsync(target) ?? throw new ComponentRetiredException(target);
            var node = await Component(root).GetSummary();
            if (node.Retired)
            {
                throw new ComponentRetiredException(root);
            }

            if (!node.Frozen && node.Parent is null)
            {
                return node;
            }

            if (node.Frozen)
            {
                await waited.NextAsync(root);
            }
        }
    }

    /// <summary>Attaches new members to <paramref name="component"/>'s tree, walking up until a component takes them.</summary>
    public Task AttachAsync(string component, IReadOnlyList<string> members) =>
        HandUpAsync(component, members, (grain, items) => grain.Attach(items));

    /// <summary>Keeps analyst actions at the root of <paramref name="component"/>'s tree.</summary>
    public Task RecordAsync(string component, IReadOnlyList<Actions.AnalystAction> actions) =>
        HandUpAsync(component, actions, (grain, items) => grain.Record(items));

    /// <summary>
    /// Joins roots into <paramref name="target"/>: each writes its parent, then the target (or the root it has
    /// become part of) adopts them all in one call. Roots that moved on meanwhile are merged one by one.
    /// </summary>
    private async Task JoinGroupAsync(string target, IReadOnlyList<string> roots, List<string> absorbed)
    {
        await EnsureJoinableAsync(target);
        var preparing = roots.Select(r => PrepareJoinAsync(r, target)).ToList();
        var failure = await Task.WhenAll(preparing).ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default);

        // Joins written are adopted even if another root's failed, so none is left pending for its next resolve.
        var tickets = roots.Zip(preparing).Where(x => x.Second.IsCompletedSuccessfully).Select(x => (Root: x.First, Ticket: x.Second.Result)).ToList();
        var prepared = tickets.Where(t => t.Ticket.Status == HandOffStatus.Done).Select(t => t.Ticket.Adoption!).ToList();
        if (prepared.Count > 0)
        {
            await AdoptAsync(target, prepared);
            lock (absorbed)
            {
                absorbed.AddRange(prepared.Select(p => p.Child));
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        await Task.WhenAll(tickets.Where(t => t.Ticket.Status != HandOffStatus.Done).Select(t => UnionPairAsync(t.Root, target, absorbed)));
    }

    /// <summary>
    /// Waits out a freeze of the target before anything joins it; a retired target means the batch starts again.
    /// This is what keeps a split's pieces from joining the root they came from: a piece exists only once its old
    /// root is frozen, so a batch that saw the piece sees the freeze here. (Joined, the piece would point at its
    /// old root, which points back at the piece: a call cycle.)
    /// </summary>
    private async Task EnsureJoinableAsync(string target)
    {
        var waited = new BusyWait(options);
        while (true)
        {
            var node = await Component(target).GetSummary();
            if (node.Retired)
            {
                throw new ComponentRetiredException(target);
            }

            if (!node.Frozen)
            {
                return;
            }

            await waited.NextAsync(target);
        }
    }

    /// <summary>Prepares a join, waiting out a freeze; a retired joiner means the batch must start again.</summary>
    private async Task<JoinTicket> PrepareJoinAsync(string root, string target)
    {
        var waited = new BusyWait(options);
        while (true)
        {
            var ticket = await Component(root).PrepareJoin(target);
            switch (ticket.Status)
            {
                case HandOffStatus.Busy:
                    await waited.NextAsync(root);
                    break;
                case HandOffStatus.Retired:
                    throw new ComponentRetiredException(root);
                default:
                    return ticket;
            }
        }
    }

    /// <summary>
    /// Hands prepared joiners to the target. If the target's tree split before taking them, they become roots
    /// again and the batch starts over: the split has already placed everything that was in the tree.
    /// </summary>
    private async Task AdoptAsync(string target, IReadOnlyList<Adoption> children)
    {
        try
        {
            await HandUpAsync(target, children, (grain, items) => grain.Adopt(items));
        }
        catch (ComponentRetiredException)
        {
            await Task.WhenAll(children.Select(c => Component(c.Child).AbandonJoin(target)));
            throw;
        }
    }

    /// <summary>Offers items to a component and up its parents until every one is taken.</summary>
    private async Task HandUpAsync<T>(
        string component, IReadOnlyList<T> items, Func<IComponentGrain, IReadOnlyList<T>, Task<HandOffResult<T>>> offer)
    {
        var waited = new BusyWait(options);
        for (var step = 0; step < options.MaxUnionAttempts;)
        {
            var result = await offer(Component(component), items);
            switch (result.Status)
            {
                case HandOffStatus.Done:
                    return;
                case HandOffStatus.Redirect:
                    (component, items) = (result.Redirect!, result.Remaining);
                    step++;
                    break;
                case HandOffStatus.Busy:
                    items = result.Remaining;
                    await waited.NextAsync(component);
                    break;
                default:
                    throw new ComponentRetiredException(component);
            }
        }

        throw new GraphContentionException($"{items.Count} items were not taken in by {component}'s tree within {options.MaxUnionAttempts} steps.");
    }

    private async Task UnionPairAsync(string a, string b, List<string> absorbed)
    {
        for (var attempt = 0; attempt < options.MaxUnionAttempts; attempt++)
        {
            var rootsOf = await Task.WhenAll(ResolveComponentAsync(a), ResolveComponentAsync(b));
            var (ra, rb) = (rootsOf[0] ?? throw new ComponentRetiredException(a), rootsOf[1] ?? throw new ComponentRetiredException(b));
            if (ra == rb)
            {
                return;
            }

            var (low, high) = ComponentId.Compare(ra, rb) < 0 ? (ra, rb) : (rb, ra);
            await EnsureJoinableAsync(high);
            var ticket = await PrepareJoinAsync(low, high);
            if (ticket.Status == HandOffStatus.Done)
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

        throw new GraphContentionException(
            $"Components {a} and {b} could not be merged in {options.MaxUnionAttempts} attempts under concurrent merges.");
    }

    private IComponentGrain Component(string id) => grains.Reference<IComponentGrain>(id);

    /// <summary>Backs off while a root is frozen for a split, up to <see cref="GraphOptions.MaxSplitWait"/>.</summary>
    private sealed class BusyWait(GraphOptions options)
    {
        private readonly long _started = Environment.TickCount64;
        private int _delayMs = 10;

        public async Task NextAsync(string component)
        {
            if (Environment.TickCount64 - _started > options.MaxSplitWait.TotalMilliseconds)
            {
                throw new TimeoutException($"Component {component} stayed frozen for a split longer than {options.MaxSplitWait}.");
            }

            await Task.Delay(_delayMs);
            _delayMs = Math.Min(_delayMs * 2, 200);
        }
    }
}

/// <summary>
/// What a union pass did: the root each merged group was joined into (one per group, singletons included),
/// the roots it absorbed, and the live roots the targets belong to now (a target may itself have been absorbed
/// meanwhile by a concurrent batch), none of them being split.
/// </summary>
public sealed record UnionOutcome(IReadOnlyList<string> Targets, IReadOnlyCollection<string> Absorbed, IReadOnlyList<ComponentNode> Roots);
