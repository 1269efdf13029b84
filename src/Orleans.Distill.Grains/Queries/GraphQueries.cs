using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Queries;

/// <summary>
/// Read side of the graph. Walks the forest from outside the grains, so a query never holds a
/// component grain while calling another and cannot take part in a call cycle.
/// </summary>
public sealed class GraphQueries(IGrainFactory grains, IOptions<GraphOptions> options)
{
    private readonly ComponentForest _forest = new(grains, options.Value);

    public async Task<AccountView?> GetAccountAsync(string account)
    {
        var snapshot = await grains.GetGrain<IAccountGrain>(account).Get();
        if (snapshot is null)
        {
            return null;
        }

        var root = await _forest.ResolveAsync(snapshot.Component, ComponentForest.MemberHint(NodeKey.Account(account), snapshot.Component));
        return new AccountView(snapshot, root);
    }

    /// <summary>The component <paramref name="id"/> is part of now (it may have merged into another since it was named).</summary>
    public async Task<ComponentView?> GetComponentAsync(string id)
    {
        if (!ComponentId.IsValid(id))
        {
            return null;
        }

        var node = await grains.GetGrain<IComponentGrain>(id).GetNode();
        if (!node.Exists)
        {
            return null;
        }

        if (!node.IsRoot)
        {
            node = await grains.GetGrain<IComponentGrain>(await _forest.ResolveAsync(id)).GetNode();
        }

        var accounts = new List<string>();
        var entities = new List<string>();
        var level = new List<ComponentNode> { node };
        while (level.Count > 0)
        {
            var next = new List<string>();
            foreach (var n in level)
            {
                foreach (var member in n.Members)
                {
                    if (NodeKey.KindOf(member) == EntityKind.Account)
                    {
                        accounts.Add(member["account:".Length..]);
                    }
                    else
                    {
                        entities.Add(member);
                    }
                }

                next.AddRange(n.Children);
            }

            level = [.. await Task.WhenAll(next.Select(c => grains.GetGrain<IComponentGrain>(c).GetNode()))];
        }

        accounts.Sort(StringComparer.Ordinal);
        entities.Sort(StringComparer.Ordinal);
        return new ComponentView(node.Id, node.Aggregate, accounts, entities);
    }

    /// <summary>The largest live components. Index entries are checked against the live roots before they are shown.</summary>
    public async Task<IReadOnlyList<ComponentSummary>> TopBySizeAsync(int count)
    {
        var partitions = options.Value.IndexPartitions;
        var candidates = (await Task.WhenAll(Enumerable.Range(0, partitions)
                .Select(p => grains.GetGrain<IComponentIndexGrain>(p).Top(count * 2 + 8))))
            .SelectMany(x => x)
            .OrderByDescending(s => s.Accounts)
            .ThenByDescending(s => s.Entities)
            .Take(count * 2 + 8)
            .ToList();

        var live = await Task.WhenAll(candidates.Select(c => grains.GetGrain<IComponentGrain>(c.Id).GetSummary()));
        return [.. live
            .Where(n => n.Exists && n.IsRoot && n.Aggregate.Accounts >= ComponentIndexGrain.MinAccounts)
            .Select(n => new ComponentSummary(n.Id, n.Aggregate.Accounts, n.Aggregate.Entities, n.Version))
            .DistinctBy(s => s.Id)
            .OrderByDescending(s => s.Accounts)
            .ThenByDescending(s => s.Entities)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(count)];
    }
}
