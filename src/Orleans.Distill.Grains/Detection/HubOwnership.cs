using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Detection;

/// <summary>
/// Whether an entity past its hub threshold is shared infrastructure or one operator's. A carrier range, a campus
/// or a VPN exit links strangers: each with a card and a device of their own, signing up and working on their own
/// schedules. A ring that puts more accounts on its own proxy ranges and cards than the threshold allows shares
/// cards and devices among those accounts, signs them up in bursts and runs them alike. Judged like that, no ring
/// is too big to glue. Pure: the hub rebuild feeds it the accounts it read.
/// </summary>
public static class HubOwnership
{
    public static OperatorJudgement Judge(
        string hubKey, IReadOnlyCollection<AccountProfile> accounts, GroupFeatures features, HubRules rules, RiskScorer scorer)
    {
        var options = rules.Options;
        if (accounts.Count == 0 || options.OperatorBehaviour <= 0 || rules.IsAllowlisted(hubKey))
        {
            return new OperatorJudgement(false, accounts.Count, 0, 0);
        }

        var coSharing = CoSharing(hubKey, accounts);
        var behaviour = BehaviourShare(features, scorer);
        var owned = coSharing >= options.OperatorCoSharing && behaviour >= options.OperatorBehaviour;
        return new OperatorJudgement(owned, accounts.Count, Math.Round(coSharing, 4), Math.Round(behaviour, 4));
    }

    /// <summary>
    /// The share of the accounts that share a card or a device with another of them. Sharing the hub itself counts
    /// when the hub is a card or a device: no household or company puts that many people on one.
    /// </summary>
    public static double CoSharing(string hubKey, IReadOnlyCollection<AccountProfile> accounts)
    {
        if (NodeKey.KindOf(hubKey).IsPossession())
        {
            return accounts.Count > 1 ? 1 : 0;
        }

        var users = new Dictionary<string, int>();
        foreach (var profile in accounts)
        {
            foreach (var link in profile.Links)
            {
                if (NodeKey.KindOf(link.Other).IsPossession())
                {
                    users[link.Other] = users.GetValueOrDefault(link.Other) + 1;
                }
            }
        }

        var sharing = accounts.Count(p => p.Links.Any(l => users.TryGetValue(l.Other, out var n) && n > 1));
        return (double)sharing / accounts.Count;
    }

    /// <summary>
    /// What the behaviour-in-common features that raise a score add to it, as a share of the most they can add
    /// (uneven traffic only lowers a score: it has no most to reach).
    /// </summary>
    public static double BehaviourShare(GroupFeatures features, RiskScorer scorer)
    {
        double most = 0, reached = 0;
        foreach (var (name, value, factor) in scorer.Behaviour(features))
        {
            if (scorer.Options.Features.TryGetValue(name, out var spec) && spec.Weight > 0)
            {
                most += spec.Weight;
                reached += spec.Weight * spec.Scale(value) * factor;
            }
        }

        return most == 0 ? 0 : reached / most;
    }
}
