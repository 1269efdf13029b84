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
        var batch = await ApplyToAccountsAsync(events);

        // Accounts' roots first, so an entity seen for the first time joins its account's component directly
        // instead of costing a component grain, a join and an adoption of its own.
        var accountRoots = await _forest.ResolveAllAsync(batch.Pointers);
        var knownRoots = new Dictionary<string, string>();
        foreach (var (node, root) in accountRoots)
        {
            knownRoots[batch.Pointers[node]] = root;
            knownRoots[root] = root;
        }

        await UpsertEntitiesAsync(batch, accountRoots);
        var union = await _forest.UnionAsync(batch.Pointers, batch.Links, knownRoots);
        await UpdateIndexAsync(union);

        LogBatch(logger, events.Count, batch.Applied, accountRoots.Count, batch.ByEntity.Count, union.Absorbed.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new IngestResult(batch.Applied, events.Count - batch.Applied, union.Absorbed.Count);
    }

    /// <summary>One call per account; collects every node's component pointer and every link the batch touched.</summary>
    private async Task<BatchGraph> ApplyToAccountsAsync(IReadOnlyList<DistillEvent> events)
    {
        var byAccount = new Dictionary<string, List<DistillEvent>>();
        foreach (var e in events)
        {
            GroupAdd(byAccount, e.Account, e);
        }

        var results = await Task.WhenAll(byAccount.Select(async kv =>
            (Account: kv.Key, Result: await grains.GetGrain<IAccountGrain>(kv.Key).Apply(kv.Value))));

        var batch = new BatchGraph();
        foreach (var (account, result) in results)
        {
            batch.Applied += result.Applied;
            var accountNode = NodeKey.Account(account);
            batch.Pointers[accountNode] = result.Component;
            foreach (var link in result.Links)
            {
                GroupAdd(batch.ByEntity, link.Other, new LinkUpdate(account, link.Link));
                batch.Links.Add((accountNode, link.Other));
            }
        }

        return batch;
    }

    /// <summary>One call per entity; first-seen entities are then attached to their first account's component.</summary>
    private async Task UpsertEntitiesAsync(BatchGraph batch, IReadOnlyDictionary<string, string> accountRoots)
    {
        var results = await Task.WhenAll(batch.ByEntity.Select(async kv =>
        {
            var firstAccount = kv.Value.Select(l => l.Other).Min(StringComparer.Ordinal)!;
            var proposed = accountRoots[NodeKey.Account(firstAccount)];
            return (Entity: kv.Key, Result: await grains.GetGrain<IEntityGrain>(kv.Key).Upsert(kv.Value, proposed));
        }));

        var attach = new Dictionary<string, List<string>>();
        foreach (var (entity, result) in results)
        {
            batch.Pointers[entity] = result.Component;
            if (result.NeedsAttach)
            {
                GroupAdd(attach, result.Component, entity);
            }
        }

        await Task.WhenAll(attach.Select(kv => _forest.AttachAsync(kv.Key, kv.Value)));
        await Task.WhenAll(attach.Values.SelectMany(m => m).Select(e => grains.GetGrain<IEntityGrain>(e).ConfirmAttached()));
    }

    private async Task UpdateIndexAsync(UnionOutcome union)
    {
        var absorbed = union.Absorbed;
        var roots = (await Task.WhenAll(union.Targets.Select(t => _forest.ResolveAsync(t)))).ToHashSet();
        var nodes = await Task.WhenAll(roots.Select(r => grains.GetGrain<IComponentGrain>(r).GetSummary()));
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

            GroupAdd(upserts, ComponentIndexGrain.PartitionOf(node.Id, partitions),
                new ComponentSummary(node.Id, node.Aggregate.Accounts, node.Aggregate.Entities, node.Version));
        }

        foreach (var id in absorbed)
        {
            GroupAdd(removals, ComponentIndexGrain.PartitionOf(id, partitions), id);
        }

        await Task.WhenAll(upserts.Keys.Union(removals.Keys).Select(p =>
            grains.GetGrain<IComponentIndexGrain>(p).Apply(
                upserts.GetValueOrDefault(p) ?? [],
                removals.GetValueOrDefault(p) ?? [])));
    }

    private static void GroupAdd<TKey, T>(Dictionary<TKey, List<T>> map, TKey key, T item) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(item);
    }

    /// <summary>What a batch touched, as the account step reports it and the later steps fill in.</summary>
    private sealed class BatchGraph
    {
        public Dictionary<string, string> Pointers { get; } = [];
        public List<(string, string)> Links { get; } = [];
        public Dictionary<string, List<LinkUpdate>> ByEntity { get; } = [];
        public int Applied { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ingested {Events} events ({Applied} new) for {Accounts} accounts and {Entities} entities; {Merges} merges in {ElapsedMs:F1} ms")]
    private static partial void LogBatch(ILogger logger, int events, int applied, int accounts, int entities, int merges, double elapsedMs);
}
