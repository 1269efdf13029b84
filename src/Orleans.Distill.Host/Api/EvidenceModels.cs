using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// <c>GET /v1/components/{id}/path</c>: <see cref="Path"/> alternates account and entity steps from
/// <see cref="From"/> to <see cref="To"/>; <see cref="Hops"/> counts the entities passed through (0 when from is to).
/// </summary>
public sealed record PathModel(string Component, string From, string To, int Hops, IReadOnlyList<PathStepModel> Path, string? ResolvedFrom);

/// <summary>
/// An account step has only <see cref="Account"/>. An entity step has the rest: <see cref="FromLink"/> is the
/// link from the account before it, <see cref="ToLink"/> the link to the account after it;
/// <see cref="FirstSeen"/> is when the second of the two accounts first used the entity (since when they share
/// it) and <see cref="LastSeen"/> the latest sighting of either link.
/// </summary>
public sealed record PathStepModel(
    string? Account = null,
    string? Kind = null,
    string? Entity = null,
    bool? Hub = null,
    DateTime? FirstSeen = null,
    DateTime? LastSeen = null,
    PathLinkModel? FromLink = null,
    PathLinkModel? ToLink = null);

/// <summary>One account–entity link: the account at its far end, and its sightings.</summary>
public sealed record PathLinkModel(string Account, DateTime FirstSeen, DateTime LastSeen, long Count);

/// <summary>
/// <c>GET /v1/components/{id}/features</c>: the component measured at <see cref="Watermark"/>, piece by piece;
/// <see cref="Features"/> names every feature in the order each group gives them.
/// </summary>
public sealed record FeaturesModel(string Component, DateTime Watermark, IReadOnlyList<string> Features, IReadOnlyList<PieceFeaturesModel> Pieces, string? ResolvedFrom);

/// <summary>A piece (<see cref="Group"/>) and the cores its accounts are judged on.</summary>
public sealed record PieceFeaturesModel(GroupFeaturesModel Group, IReadOnlyList<GroupFeaturesModel> Cores);

/// <summary>A group's accounts, its hand-built score and decision, its group scale and its features by name.</summary>
public sealed record GroupFeaturesModel(
    IReadOnlyList<string> Accounts, double Score, Decision Decision, double GroupScale, IReadOnlyDictionary<string, FeatureValueModel> Features)
{
    public static GroupFeaturesModel Of(MeasuredGroup group) => new(
        group.Accounts,
        group.Assessment.Score,
        group.Assessment.Decision,
        Math.Round(group.GroupScale, 4),
        group.Features.ToDictionary(f => f.Feature, f => new FeatureValueModel(Math.Round(f.Value, 4), Math.Round(f.Factor, 4), f.Entity)));
}

/// <summary>A feature as measured, how far the hand-built score lets it count, and the shared thing it is about.</summary>
public sealed record FeatureValueModel(double Value, double Factor, string? Entity);
