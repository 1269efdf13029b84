using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Events;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;

namespace Orleans.Distill.Ingestion;

/// <summary>
/// Applies a batch of validated events to the graph: one call (and at most one storage write) per account
/// and per entity in the batch, then the component merges the new links call for, then the index.
/// Every step is idempotent, so a batch that failed part-way is simply sent again.
/// When <see cref="IngestAsync"/> returns, every event is durable and visible to queries.
/// </summary>
public sealed partial class IngestPipeline(IGrainFactory grains, IOptions<GraphOptions> options, ILogger<IngestPipeline> logger)
{
    private readonly ComponentForest _forest = new(grains, options.Value);

    public async Task<IngestResult> IngestAsync(IReadOnlyList<DistillEvent> events)
    {
        if (events.Count == 0)
        {
            return new IngestResult(0, 0, 0);
        }

        var started = Stopwatch.GetTimestamp();
        var byAccount = new Dictionary<string, List<DistillEvent>>();
        foreach (var e in events)
        {
            if (!byAccount.TryGetValue(e.Account, out var list))
            {
                byAccount[e.Account] = list = [];
            }

            list.Add(e);
        }

        var accountResults = await Task.WhenAll(byAccount.Select(async kv =>
            (Account: kv.Key, Result: await grains.GetGrain<IAccountGrain>(kv.Key).Apply(kv.Value))));

        var pointers = new Dictionary<string, string>();
        var links = new List<(string, string)>();
        var byEntity = new Dictionary<string, List<LinkUpdate>>();
        var applied = 0;
        foreach (var (account, result) in accountResults)
        {
            applied += result.Applied;
            var accountNode = NodeKey.Account(account);
            pointers[accountNode] = result.Component;
            foreach (var link in result.Links)
            {
                if (!byEntity.TryGetValue(link.Other, out var list))
                {
                    byEntity[link.Other] = list = [];
                }

                list.Add(new LinkUpdate(account, link.Link));
                links.Add((accountNode, link.Other));
            }
        }

        // Accounts' roots first, so an entity seen for the first time joins its account's component directly
        // instead of costing a component grain, a join and an adoption of its own.
        var accountRoots = await _forest.ResolveAllAsync(pointers);
        var knownRoots = new Dictionary<string, string>();
        foreach (var (node, root) in accountRoots)
        {
            knownRoots[pointers[node]] = root;
            knownRoots[root] = root;
        }

        var entityResults = await Task.WhenAll(byEntity.Select(async kv =>
        {
            var firstAccount = kv.Value.Select(l => l.Other).Min(StringComparer.Ordinal)!;
            var proposed = accountRoots[NodeKey.Account(firstAccount)];
            return (Entity: kv.Key, Result: await grains.GetGrain<IEntityGrain>(kv.Key).Upsert(kv.Value, proposed));
        }));

        var attach = new Dictionary<string, List<string>>();
        foreach (var (entity, result) in entityResults)
        {
            pointers[entity] = result.Component;
            if (result.NeedsAttach)
            {
                if (!attach.TryGetValue(result.Component, out var members))
                {
                    attach[result.Component] = members = [];
                }

                members.Add(entity);
            }
        }

        await Task.WhenAll(attach.Select(kv => _forest.AttachAsync(kv.Key, kv.Value)));
        await Task.WhenAll(attach.Values.SelectMany(m => m).Select(e => grains.GetGrain<IEntityGrain>(e).ConfirmAttached()));

        var union = await _forest.UnionAsync(pointers, links, knownRoots);
        await UpdateIndexAsync(union);

        LogBatch(logger, events.Count, applied, byAccount.Count, byEntity.Count, union.Absorbed.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new IngestResult(applied, events.Count - applied, union.Absorbed.Count);
    }

    private async Task UpdateIndexAsync(UnionOutcome union)
    {
        var absorbed = union.Absorbed;
        var roots = (await Task.WhenAll(union.Targets.Select(t => _forest.ResolveAsync(t)))).ToHashSet();
        var nodes = await Task.WhenAll(roots.Select(r => grains.GetGrain<IComponentGrain>(r).GetNode()));
        var partitions = options.Value.IndexPartitions;
        var upserts = new Dictionary<int, List<ComponentSummary>>();
        var removals = new Dictionary<int, List<string>>();
        foreach (var node in nodes)
        {
            // Single-account components are not indexed; skip the call when nothing can change for them.
            if (node.Aggregate.Accounts < ComponentIndexGrain.MinAccounts)
            {
                continue;
            }

            Add(upserts, ComponentIndexGrain.PartitionOf(node.Id, partitions),
                new ComponentSummary(node.Id, node.Aggregate.Accounts, node.Aggregate.Entities, node.Version));
        }

        foreach (var id in absorbed)
        {
            Add(removals, ComponentIndexGrain.PartitionOf(id, partitions), id);
        }

        await Task.WhenAll(upserts.Keys.Union(removals.Keys).Select(p =>
            grains.GetGrain<IComponentIndexGrain>(p).Apply(
                upserts.GetValueOrDefault(p) ?? [],
                removals.GetValueOrDefault(p) ?? [])));

        static void Add<T>(Dictionary<int, List<T>> map, int partition, T item)
        {
            if (!map.TryGetValue(partition, out var list))
            {
                map[partition] = list = [];
            }

            list.Add(item);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ingested {Events} events ({Applied} new) for {Accounts} accounts and {Entities} entities; {Merges} merges in {ElapsedMs:F1} ms")]
    private static partial void LogBatch(ILogger logger, int events, int applied, int accounts, int entities, int merges, double elapsedMs);
}
