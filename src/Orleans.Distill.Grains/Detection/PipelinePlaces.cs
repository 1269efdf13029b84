using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Detection;

/// <summary>
/// Ranges that are a pipeline's place, not a place strangers share. A slow drip signs up a few accounts a day on a
/// handful of cards, each account on a device of its own, all of them working from two datacenter ranges: each card
/// holds too few accounts for days to tell it from a family, while the ranges hold the whole ring running as one.
/// A range ties the cores of its users as a ring's script does when its users in the component behave as one
/// (<see cref="ComponentPartition.BehavesAsOne"/>), but only for those who run at the range's rate: a household on a
/// range whose other users are a ring's proxies sends its own few requests, and stays a core of its own. Pure.
/// </summary>
public static class PipelinePlaces
{
    /// <summary>
    /// The ranges among <paramref name="gluing"/> whose users behave as one, each with its users' mean requests per
    /// active day (requests over active days, all users' together). A range none of whose users that hold a card or
    /// a device here (<paramref name="holders"/>) runs at its rate would tie no one the range does not tie already,
    /// and is not judged: most ranges of a component are households' lines, and judging one builds its users' features.
    /// </summary>
    public static Dictionary<string, double> Of(
        IEnumerable<(string Account, string Entity, LinkRecord Link)> gluing,
        IReadOnlyDictionary<string, AccountProfile> profiles,
        IReadOnlySet<string> holders,
        DetectionOptions options,
        RiskScorer scorer)
    {
        var places = new Dictionary<string, double>();
        if (options.PlaceRateFactor <= 0)
        {
            return places;
        }

        foreach (var users in gluing.Where(g => NodeKey.KindOf(g.Entity) == EntityKind.IpRange).GroupBy(g => g.Entity))
        {
            var accounts = users.Select(u => u.Account).Distinct().ToList();
            if (accounts.Count < scorer.Options.FullGroupSize)
            {
                continue;
            }

            var days = accounts.Sum(a => (long)profiles[a].ActiveDays);
            var rate = days > 0 ? accounts.Sum(a => profiles[a].TotalRequests) / (double)days : 0;
            if (accounts.Any(a => holders.Contains(a) && RunsAt(profiles[a], rate, options))
                && ComponentPartition.BehavesAsOne([.. accounts.Select(a => profiles[a])], options, scorer))
            {
                places[users.Key] = rate;
            }
        }

        return places;
    }

    /// <summary>
    /// Whether <paramref name="profile"/>'s mean requests per active day are within
    /// <see cref="DetectionOptions.PlaceRateFactor"/> of <paramref name="rate"/>. An account without traffic runs at
    /// no rate yet, and is tied by what it holds.
    /// </summary>
    public static bool RunsAt(AccountProfile profile, double rate, DetectionOptions options)
    {
        if (!profile.SentTraffic || rate <= 0)
        {
            return false;
        }

        var own = profile.TotalRequests / (double)profile.ActiveDays;
        return own * options.PlaceRateFactor >= rate && own <= rate * options.PlaceRateFactor;
    }
}
