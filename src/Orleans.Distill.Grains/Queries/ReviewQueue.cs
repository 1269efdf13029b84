using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// The analysts' work queue: every flagged component and hub, worst first, with how long its accounts have been
/// around, who claimed it and whether an analyst already decided it. Reads from outside the grains, like
/// <see cref="GraphQueries"/>.
/// </summary>
public sealed class ReviewQueue(IGrainFactory grains, IOptions<GraphOptions> options, IOptions<DetectionOptions> detection)
{
    private readonly ComponentForest _forest = new(grains, options.Value);
    private readonly ComponentReader _reader = new(grains);
    private readonly HubRules _rules = new(detection.Value);

    public async Task<IReadOnlyList<ReviewItem>> ItemsAsync()
    {
        var partitions = options.Value.IndexPartitions;
        var flagged = (await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => grains.Reference<IComponentIndexGrain>(p).Flagged())))
            .SelectMany(x => x)
            .DistinctBy(s => s.Id)
            .ToList();
        var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
        var claims = (await grains.Reference<IReviewClaimsGrain>(0).All()).ToDictionary(c => c.Item);
        var items = await Task.WhenAll(flagged.Select(s => s.IsHub ? HubAsync(s, watermark) : ComponentAsync(s)));
        return [.. items.OfType<ReviewItem>()
            .Select(i => claims.TryGetValue(i.Id, out var claim) ? i with { Claim = claim } : i)
            .Select(i => i with { AgeDays = i.FirstSignupDay is { } day ? Math.Max(0, AccountProfile.DayOf(watermark) - day) : null })
            .OrderByDescending(i => i.Assessment.Score)
            .ThenByDescending(i => i.Accounts)
            .ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    private async Task<ReviewItem?> ComponentAsync(ComponentSummary summary)
    {
        // An index entry may name a component that has since merged or split: only live roots are listed.
        if (await _forest.ResolveComponentAsync(summary.Id) != summary.Id)
        {
            return null;
        }

        var node = await grains.Reference<IComponentGrain>(summary.Id).GetSummary();
        if (node.Assessment?.Worst() is not { Decision: not Decision.Allow } assessment)
        {
            return null;
        }

        var (members, _) = await _reader.WalkAsync(summary.Id);
        var profiles = await _reader.ProfilesAsync(members.Where(m => NodeKey.KindOf(m) == EntityKind.Account));
        return new ReviewItem(summary.Id, IsHub: false, node.Aggregate.Accounts, node.Aggregate.Entities, assessment)
        {
            FirstSignupDay = profiles.Count == 0 ? null : profiles.Values.Min(p => p.SignupDay),
            Decided = node.Actions.LastOrDefault(a => a.Kind == Actions.AnalystAction.LabelComponent),
        };
    }

    private async Task<ReviewItem?> HubAsync(ComponentSummary summary, DateTime watermark)
    {
        var entity = grains.Reference<IEntityGrain>(summary.Id);
        var (hub, info) = (await entity.Get(), await entity.GetInfo(watermark));
        if (hub is null || info is not { Hub: true, Benign: false })
        {
            return null;
        }

        var inWindow = hub.Links.Where(l => _rules.Counts(hub.Key, l.Link, watermark)).ToList();
        var profiles = await _reader.ProfilesAsync(inWindow.Select(l => NodeKey.Account(l.Other)));
        return new ReviewItem(summary.Id, IsHub: true, inWindow.Count, 1, summary.Assessment)
        {
            FirstSignupDay = profiles.Count == 0 ? null : profiles.Values.Min(p => p.SignupDay),
            Decided = hub.Actions.LastOrDefault(),
        };
    }
}

/// <summary>
/// One queue item: a component (<see cref="Id"/> its id) or a hub (<see cref="Id"/> its node key).
/// <see cref="AgeDays"/>: days from its oldest account's signup to the latest event time; <see cref="Decided"/>:
/// the last analyst verdict on the item as a whole, if any.
/// </summary>
public sealed record ReviewItem(string Id, bool IsHub, long Accounts, long Entities, Assessment Assessment)
{
    public int? FirstSignupDay { get; init; }

    public int? AgeDays { get; init; }

    public ReviewClaim? Claim { get; init; }

    public Actions.AnalystAction? Decided { get; init; }
}
