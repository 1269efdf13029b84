using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests.Detection;

/// <summary>A component built by hand for the pure detection tests, every identifier its accounts link gluing.</summary>
public static class GluedComponent
{
    public static void Add(Dictionary<string, AccountProfile> profiles, AccountProfile profile) => profiles[NodeKey.Account(profile.Account)] = profile;

    /// <summary>The pieces of a component of these accounts and every identifier they link, partitioned at <paramref name="at"/>.</summary>
    public static IReadOnlyList<ComponentPartition.Piece> Pieces(
        Dictionary<string, AccountProfile> profiles, DateTime at, HubRules rules, RiskScorer scorer)
    {
        var entities = profiles.Values.SelectMany(p => p.Links.Select(l => l.Other)).Distinct()
            .ToDictionary(k => k, k => new EntityInfo { Key = k, Component = "c-0000000000000001", Glues = true });
        return ComponentPartition.Compute([.. profiles.Keys, .. entities.Keys], profiles, entities, rules, scorer, at).Pieces;
    }
}
