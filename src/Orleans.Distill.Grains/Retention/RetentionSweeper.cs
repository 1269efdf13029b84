using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Storage;
using Orleans.Storage;

namespace Orleans.Distill.Retention;

/// <summary>
/// One pass of retention over every account and entity the graph's storage holds: links and usage past the cutoffs
/// are deleted on both ends, and the components and hubs that held them are queued for a rebuild, which splits
/// what no longer holds together. Idempotent: a pass cut short is finished by the next one.
/// </summary>
public sealed class RetentionSweeper(
    IGrainFactory grains,
    [FromKeyedServices(StorageNames.Graph)] IGrainStorage storage,
    IOptions<RetentionOptions> retention,
    IOptions<GraphOptions> graph,
    TimeProvider clock)
{
    private readonly ComponentForest _forest = new(grains, graph.Value);
    private readonly ComponentIndexClient _index = new(grains, graph.Value);

    /// <summary>The storage's list of grains; null when the provider cannot list them.</summary>
    public IGrainStateCatalog? Catalog => storage as IGrainStateCatalog;

    public async Task<RetentionSweepReport> SweepAsync(CancellationToken cancellation)
    {
        var catalog = Catalog ?? throw new InvalidOperationException($"the grain storage '{StorageNames.Graph}' cannot list its grains, so retention cannot sweep it");
        var started = clock.GetUtcNow().UtcDateTime;
        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        var options = retention.Value;
        var cutoffs = RetentionCutoffs.At(watermark, options.Links, options.Usage);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.SweepConcurrency, CancellationToken = cancellation };
        var rebuild = new ConcurrentDictionary<string, bool>();
        long accounts = 0, links = 0, usage = 0, entities = 0, entityLinks = 0;
        if (cutoffs.LinksBefore > DateTime.MinValue || cutoffs.UsageBefore > DateTime.MinValue)
        {
            await Parallel.ForEachAsync(catalog.ListAsync("account", cancellation), parallel, async (id, _) =>
            {
                Interlocked.Increment(ref accounts);
                if (await grains.GetGrain<IAccountGrain>(id).Prune(cutoffs) is not { } pruned)
                {
                    return;
                }

                Interlocked.Add(ref links, pruned.DroppedLinks.Count);
                if (pruned.UsageDropped)
                {
                    Interlocked.Increment(ref usage);
                }

                if (pruned.DroppedLinks.Count > 0)
                {
                    rebuild[await _forest.ResolveAsync(pruned.Component, NodeKey.Account(id.Key.ToString()!))] = false;
                }
            });
        }

        if (cutoffs.LinksBefore > DateTime.MinValue)
        {
            await Parallel.ForEachAsync(catalog.ListAsync("entity", cancellation), parallel, async (id, _) =>
            {
                Interlocked.Increment(ref entities);
                var pruned = await grains.GetGrain<IEntityGrain>(id).Prune(cutoffs.LinksBefore);
                Interlocked.Add(ref entityLinks, pruned.Dropped);
                if (pruned.Dropped > 0)
                {
                    var key = id.Key.ToString()!;
                    rebuild[pruned.Hub ? key : await _forest.ResolveAsync(pruned.Component, key)] = pruned.Hub;
                }
            });
        }

        // Counts of zero with version zero: an entry the index holds is marked for a rebuild, and nothing else is added.
        await _index.TouchAsync([.. rebuild.Select(r => new IndexTouch(r.Key, r.Value, 0, 0, 0))], []);
        return new RetentionSweepReport
        {
            Started = started,
            Finished = clock.GetUtcNow().UtcDateTime,
            Watermark = watermark,
            Cutoffs = cutoffs,
            AccountsScanned = accounts,
            LinksDropped = links,
            AccountsWithUsageDropped = usage,
            EntitiesScanned = entities,
            EntityLinksDropped = entityLinks,
            Rebuilds = rebuild.Count,
        };
    }
}
