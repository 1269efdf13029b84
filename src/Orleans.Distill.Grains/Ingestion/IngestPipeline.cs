using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Events;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Telemetry;

namespace Orleans.Distill.Ingestion;

/// <summary>
/// Applies a batch of validated events to the graph: one call (and at most one storage write) per account
/// and per entity in the batch, then the component merges the gluing links call for, then the index, which
/// queues the changed components to be re-scored (and split, if need be) in the background.
/// Every step is idempotent, so a batch that failed part-way is simply sent again.
/// When <see cref="IngestAsync"/> returns, every event is durable and visible to queries.
/// </summary>
public sealed partial class IngestPipeline(
    IGrainFactory grains, IOptions<GraphOptions> options, IOptions<DetectionOptions> detection, ILogger<IngestPipeline> logger)
{
    private readonly ComponentForest _forest = new(grains, options.Value);
    private readonly HubRules _rules = new(detection.Value);
    private readonly ComponentIndexClient _index = new(grains, options.Value);
    private Task<byte[]>? _privacyKey;

    public async Task<IngestResult> IngestAsync(IReadOnlyList<DistillEvent> events)
    {
        if (events.Count == 0)
        {
            return new IngestResult(0, 0, 0);
        }

        events = await PseudonymiseAsync(events);

        var started = Stopwatch.GetTimestamp();
        var watermark = await grains.Reference<IWatermarkGrain>(0).Advance(events.Max(e => e.At));
        var batch = await ApplyToAccountsAsync(events, watermark);
        if (batch.Labels.Count > 0)
        {
            // Before the acknowledgement, so GET /v1/flagged agrees with the accounts at once.
            await _index.SetLabelsAsync(batch.Labels);
        }

        // A component the batch meets may split under it; everything so far is idempotent, so start over from
        // the nodes' pointers, which the split has updated.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var union = await LinkAsync(batch, watermark);
                LogBatch(logger, events.Count, batch.Applied, batch.Accounts.Count, batch.ByEntity.Count, union.Absorbed.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                DistillTelemetry.EventsIngested.Add(batch.Applied);
                DistillTelemetry.ComponentsMerged.Add(union.Absorbed.Count);
                return new IngestResult(batch.Applied, events.Count - batch.Applied, union.Absorbed.Count);
            }
            catch (ComponentRetiredException e) when (attempt < options.Value.MaxRestarts)
            {
                // Old pointers still lead to the right place: a split component answers where its members went.
                LogRestart(logger, e.Component, attempt);
            }
        }
    }

    /// <summary>
    /// Emails go no further than here: the grains, their storage and their messages see only a keyed hash and the
    /// domain. The dedupe key was taken from the address as sent, so a re-sent event is still the same event.
    /// </summary>
    private async Task<IReadOnlyList<DistillEvent>> PseudonymiseAsync(IReadOnlyList<DistillEvent> events)
    {
        if (!events.Any(e => e.Email is { } email && !EmailPseudonym.IsPseudonym(email)))
        {
            return events;
        }

        // Fetched once; a failed fetch is not kept, so the next batch asks again.
        var fetch = _privacyKey ??= grains.Reference<IPrivacyKeyGrain>(0).Get();
        byte[] key;
        try
        {
            key = await fetch;
        }
        catch
        {
            _ = Interlocked.CompareExchange(ref _privacyKey, null, fetch);
            throw;
        }

        return [.. events.Select(e => e.Email is { } email && !EmailPseudonym.IsPseudonym(email) ? e with { Email = EmailPseudonym.Of(email, key) } : e)];
    }

    private async Task<UnionOutcome> LinkAsync(BatchGraph batch, DateTime watermark)
    {
        // Accounts' roots first, so an entity seen for the first time joins its account's component directly
        // instead of costing a component grain, a join and an adoption of its own.
        var accountRoots = await _forest.ResolveAllAsync(batch.Accounts);
        var roots = accountRoots.Values.ToHashSet();
        var entities = await UpsertEntitiesAsync(batch, accountRoots, watermark);
        var pointers = new Dictionary<string, string>(batch.Accounts);
        var knownRoots = new Dictionary<string, string>(accountRoots);
        foreach (var (entity, result) in entities)
        {
            pointers[entity] = result.Component;
            // An entity pointing straight at a root just resolved is in that root's tree. Not so for one pointing
            // at an account's old pointer: if that component split, its nodes went to different pieces.
            if (roots.Contains(result.Component))
            {
                knownRoots[entity] = result.Component;
            }
        }

        var gluing = batch.Links.Where(l => entities[l.Entity].Glues && _rules.IsEvidence(l.Entity, l.Link, l.AccountLastSeen, watermark)).Select(l => (l.Account, l.Entity));
        var union = await _forest.UnionAsync(pointers, gluing, knownRoots);
        // A hub's own rebuild re-scores it, or, for one that just stopped being a hub, merges all its links.
        var hubs = entities.Where(e => e.Value.Hub || e.Value.HubEnded).Select(e => (e.Key, e.Value.Accounts)).ToList();
        await UpdateIndexAsync(union, hubs);
        return union;
    }

    /// <summary>One call per account; collects every account's component pointer and every link the batch touched.</summary>
    private async Task<BatchGraph> ApplyToAccountsAsync(IReadOnlyList<DistillEvent> events, DateTime watermark)
    {
        var byAccount = new Dictionary<string, List<DistillEvent>>();
        foreach (var e in events)
        {
            GroupAdd(byAccount, e.Account, e);
        }

        var results = await Task.WhenAll(byAccount.Select(async kv =>
            (Account: kv.Key, Result: await grains.Reference<IAccountGrain>(kv.Key).Apply(kv.Value, watermark))));

        var batch = new BatchGraph();
        foreach (var (account, result) in results)
        {
            batch.Applied += result.Applied;
            if (result.Label is { } label && byAccount[account].Any(e => e.Type == EventType.Label))
            {
                batch.Labels.Add(new AccountLabel(account, label));
            }

            var accountNode = NodeKey.Account(account);
            batch.Accounts[accountNode] = result.Component;
            foreach (var link in result.Links)
            {
                GroupAdd(batch.ByEntity, link.Other, new LinkUpdate(account, link.Link));
                batch.Links.Add((accountNode, link.Other, link.Link, result.LastSeen));
            }
        }

        return batch;
    }

    /// <summary>
    /// One call per entity; first-seen entities that glue are then attached to their first account's component.
    /// An entity that has just become a hub stops gluing; the union below touches its component, whose rebuild
    /// then splits it.
    /// </summary>
    private async Task<Dictionary<string, EntityUpsertResult>> UpsertEntitiesAsync(
        BatchGraph batch, IReadOnlyDictionary<string, string> accountRoots, DateTime watermark)
    {
        var results = await Task.WhenAll(batch.ByEntity.Select(async kv =>
        {
            var firstAccount = kv.Value.Select(l => l.Other).Min(StringComparer.Ordinal)!;
            var proposed = accountRoots[NodeKey.Account(firstAccount)];
            return (Entity: kv.Key, Result: await grains.Reference<IEntityGrain>(kv.Key).Upsert(kv.Value, proposed, watermark));
        }));

        var attach = new Dictionary<string, List<string>>();
        var byEntity = new Dictionary<string, EntityUpsertResult>(results.Length);
        foreach (var (entity, result) in results)
        {
            byEntity[entity] = result;
            if (result.NeedsAttach)
            {
                GroupAdd(attach, result.Component, entity);
            }
        }

        await Task.WhenAll(attach.Select(kv => AttachAsync(kv.Key, kv.Value, byEntity)));
        return byEntity;
    }

    /// <summary>
    /// Attaches new entities to the component their account was in. If that component split meanwhile, the
    /// entities were never in it: each is placed in a component of its own, and the union step links it.
    /// </summary>
    private async Task AttachAsync(string component, List<string> entities, Dictionary<string, EntityUpsertResult> results)
    {
        try
        {
            await _forest.AttachAsync(component, entities);
            await Task.WhenAll(entities.Select(e => grains.Reference<IEntityGrain>(e).ConfirmAttached()));
        }
        catch (ComponentRetiredException)
        {
            var placed = await Task.WhenAll(entities.Select(e => _forest.ResolveAsync(component, e)));
            lock (results)
            {
                foreach (var (entity, root) in entities.Zip(placed))
                {
                    results[entity] = results[entity] with { Component = root, NeedsAttach = false };
                }
            }
        }
    }

    private async Task UpdateIndexAsync(UnionOutcome union, IReadOnlyList<(string Key, int Accounts)> hubs)
    {
        // A lone node is not indexed; no call is needed for it.
        var touches = union.Roots
            .Where(n => n.Aggregate.Nodes >= ComponentIndexGrain.MinNodes)
            .Select(n => new IndexTouch(n.Id, false, n.Aggregate.Accounts, n.Aggregate.Entities, n.Version))
            .Concat(hubs.Select(h => new IndexTouch(h.Key, true, h.Accounts, 0, 0)))
            .ToList();
        await _index.TouchAsync(touches, union.Absorbed);
    }

    private static void GroupAdd<TKey, T>(Dictionary<TKey, List<T>> map, TKey key, T item) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(item);
    }

    /// <summary>What a batch touched, as the account step reports it.</summary>
    private sealed class BatchGraph
    {
        /// <summary>Each account node's component pointer.</summary>
        public Dictionary<string, string> Accounts { get; } = [];
        public List<(string Account, string Entity, LinkRecord Link, DateTime AccountLastSeen)> Links { get; } = [];
        public Dictionary<string, List<LinkUpdate>> ByEntity { get; } = [];
        /// <summary>The current label of each account the batch labelled.</summary>
        public List<AccountLabel> Labels { get; } = [];
        public int Applied { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ingested {Events} events ({Applied} new) for {Accounts} accounts and {Entities} entities; {Merges} merges in {ElapsedMs:F1} ms")]
    private static partial void LogBatch(ILogger logger, int events, int applied, int accounts, int entities, int merges, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Component {Component} split under a batch; starting attempt {Attempt} over from the nodes")]
    private static partial void LogRestart(ILogger logger, string component, int attempt);
}
