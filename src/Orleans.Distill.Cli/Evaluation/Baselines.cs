using Orleans.Distill.Events;
using Orleans.Distill.Graph;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// What a detector without Orleans.Distill's ideas would flag on the same stream, computed in the same run:
/// the yardsticks the system's figures are read against.
/// </summary>
public static class Baselines
{
    /// <summary>
    /// Plain connected components over every link (no hubs, no window), flagging every account in a component of at
    /// least <paramref name="minAccounts"/> accounts: the giant-component trap.
    /// </summary>
    public static HashSet<string> PlainComponents(IEnumerable<DistillEvent> events, int minAccounts)
    {
        var sets = new UnionFind<string>();
        foreach (var e in events)
        {
            var account = "account:" + e.Account;
            sets.Add(account);
            foreach (var entity in e.LinkedEntities())
            {
                sets.Union(account, entity);
            }
        }

        var flagged = new HashSet<string>();
        foreach (var set in sets.Sets())
        {
            var accounts = set.Where(n => n.StartsWith("account:", StringComparison.Ordinal)).ToList();
            if (accounts.Count >= minAccounts)
            {
                flagged.UnionWith(accounts.Select(a => a["account:".Length..]));
            }
        }

        return flagged;
    }

    /// <summary>
    /// Per-account rules, no graph: heavy traffic (at least <paramref name="minRequests"/>) that is mostly
    /// capability probing (coding, agentic, reasoning at least <paramref name="minCapabilityShare"/>).
    /// </summary>
    public static HashSet<string> PerAccountRules(IEnumerable<DistillEvent> events, long minRequests, double minCapabilityShare) =>
        PerAccountRules(Traffic(events), minRequests, minCapabilityShare);

    /// <summary>The same over traffic already summed (<see cref="Traffic"/>), so a grid of rules reads the stream once.</summary>
    public static HashSet<string> PerAccountRules(IReadOnlyDictionary<string, (long Total, long Capability)> traffic, long minRequests, double minCapabilityShare) =>
        [.. traffic.Where(t => t.Value.Total >= minRequests && (double)t.Value.Capability / t.Value.Total >= minCapabilityShare).Select(t => t.Key)];

    /// <summary>Each account's requests, and how many of them were coding, agentic or reasoning.</summary>
    public static Dictionary<string, (long Total, long Capability)> Traffic(IEnumerable<DistillEvent> events)
    {
        var traffic = new Dictionary<string, (long Total, long Capability)>();
        foreach (var e in events.Where(e => e.Type == EventType.Usage))
        {
            var (total, capability) = traffic.GetValueOrDefault(e.Account);
            var probing = e.Category is TrafficCategory.Coding or TrafficCategory.Agentic or TrafficCategory.Reasoning;
            traffic[e.Account] = (total + e.Requests, capability + (probing ? e.Requests : 0));
        }

        return traffic;
    }
}
