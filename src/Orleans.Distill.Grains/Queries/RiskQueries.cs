using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// The signup what-if: which components a new account with these identifiers would join, and how they would
/// score with it, from the components' stored features merged in memory. Nothing in the graph changes.
/// </summary>
public sealed class RiskQueries(
    IGrainFactory grains, IOptions<GraphOptions> graph, IOptions<DetectionOptions> detection, IOptions<ScoringOptions> scoring)
{
    private readonly ComponentForest _forest = new(grains, graph.Value);
    private readonly RiskScorer _scorer = new(scoring.Value);

    public async Task<RiskView> CheckSignupAsync(SignupCheck check)
    {
        var watermark = await grains.GetGrain<IWatermarkGrain>(0).Get();
        var infos = await Task.WhenAll(check.Entities.Select(async key => (Key: key, Info: await grains.GetGrain<IEntityGrain>(key).GetInfo(watermark))));

        // The new account's own part: a signup now (in event time), no traffic yet.
        var merged = new GroupFeatures();
        merged.AddAccount(new AccountProfile
        {
            Account = "",
            Component = "",
            Links = [],
            SignupDay = AccountProfile.DayOf(watermark == DateTime.MinValue ? DateTime.UtcNow : watermark),
            Requests = new long[5],
            ActiveHours = [],
        }, linksHub: infos.Any(i => i.Info is { Hub: true }));

        var hubs = new List<Assessment>();
        var gluing = new List<(string Key, EntityInfo Info)>();
        foreach (var (key, info) in infos)
        {
            if (info is null)
            {
                continue;
            }

            // One more account may be what makes the entity a hub: then it would not glue either.
            var becomesHub = info.AccountsInWindow + 1 > detection.Value.ThresholdOf(NodeKey.KindOf(key));
            if (info.Glues && !becomesHub)
            {
                gluing.Add((key, info));
            }
            else if (info is { Hub: true, Benign: false, Assessment: { } hub })
            {
                hubs.Add(hub);
            }
        }

        var roots = (await Task.WhenAll(gluing.Select(g => _forest.ResolveAsync(g.Info.Component, g.Key)))).Distinct().ToList();
        var nodes = await Task.WhenAll(roots.Select(r => grains.GetGrain<IComponentGrain>(r).GetSummary()));
        foreach (var node in nodes)
        {
            if (node.Assessment is { } assessed)
            {
                merged.Merge(assessed.Features);
            }
            else
            {
                // Not scored yet (changed moments ago): count its accounts at least.
                merged.Merge(new GroupFeatures { Accounts = node.Aggregate.Accounts });
            }
        }

        foreach (var (key, info) in gluing)
        {
            merged.Share(GroupFeatures.KindIndex(NodeKey.KindOf(key)), info.AccountsInWindow + 1, key);
        }

        var assessment = _scorer.Score(merged);
        foreach (var hub in hubs)
        {
            assessment = Assessment.Max(assessment, hub);
        }

        // The union would make the highest root id the component's.
        var component = roots.Count == 0 ? null : roots.Max(StringComparer.Ordinal);
        return new RiskView(assessment, component, [.. roots.Order(StringComparer.Ordinal)]);
    }
}
