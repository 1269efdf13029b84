using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Events;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests.Detection;

/// <summary>
/// A labelled world replayed day by day through the cluster and read as the evaluation reads it (docs/evaluation.md):
/// for each family, the share of its traffic sent when it was first flagged, the accounts ever flagged, those flagged
/// and denied at the end, and, for a campaign, those its current evidence alone still flags.
/// </summary>
public static class WorldReplay
{
    /// <param name="start">
    /// When the scenario's traffic starts. Before it, accounts only sign up (months of them): no traffic is sent yet,
    /// so a flag then or on the first day counts alike. From then on, what a live deployment would have flagged by
    /// the next day, once detection has caught up with the day.
    /// </param>
    public static async Task<IReadOnlyList<FamilyOutcome>> RunAsync(
        EventTimeScenario scenario, IReadOnlyList<DistillEvent> events, IReadOnlyDictionary<string, LabelledAccount> labels, DateTime start)
    {
        var total = events.GroupBy(e => labels[e.Account].Group).ToDictionary(g => g.Key, g => g.Sum(e => e.Requests));
        var sent = new Dictionary<string, long>();
        var firstFlagged = new Dictionary<string, double>();
        var everFlagged = new HashSet<string>();
        await scenario.RunAsync(events, afterDay: async day =>
        {
            foreach (var e in day)
            {
                var group = labels[e.Account].Group;
                sent[group] = sent.GetValueOrDefault(group) + e.Requests;
            }

            if (day[0].At < start)
            {
                return;
            }

            await scenario.CaughtUpAsync();
            foreach (var account in await scenario.Queries.FlaggedAsync())
            {
                if (labels.TryGetValue(account.Account, out var label) && everFlagged.Add(account.Account))
                {
                    firstFlagged.TryAdd(label.Group, (double)sent.GetValueOrDefault(label.Group) / Math.Max(1, total[label.Group]));
                }
            }
        });

        var final = await scenario.Queries.FlaggedAsync();
        var flagged = final.Select(f => f.Account).ToHashSet();
        var denied = final.Where(f => f.Assessment.Decision == Decision.Deny).Select(f => f.Account).ToHashSet();
        var outcomes = new List<FamilyOutcome>();
        foreach (var family in labels.Values.GroupBy(l => l.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var accounts = family.Select(l => l.Account).ToList();
            var campaign = family.First().Fraud;
            var byEvidence = 0;
            if (campaign)
            {
                foreach (var account in accounts)
                {
                    byEvidence += (await scenario.AccountAsync(account)).Evidence.Decision >= Decision.Review ? 1 : 0;
                }
            }

            outcomes.Add(new FamilyOutcome(
                family.Key,
                campaign,
                accounts.Count,
                accounts.Count(flagged.Contains),
                accounts.Count(denied.Contains),
                accounts.Count(everFlagged.Contains),
                byEvidence,
                firstFlagged.TryGetValue(family.Key, out var first) ? first : null));
        }

        return outcomes;
    }
}

/// <summary>What a replay made of one family; <see cref="ByEvidence"/> is counted for campaigns only.</summary>
public sealed record FamilyOutcome(
    string Family, bool Campaign, int Accounts, int Flagged, int Denied, int EverFlagged, int ByEvidence, double? FirstFlagged)
{
    public override string ToString() => Campaign
        ? $"{Family}: campaign, {Flagged}/{Accounts} flagged, {Denied} denied, {ByEvidence} by current evidence, first flagged at {FirstFlagged ?? 1:P2} of its traffic"
        : $"{Family}: organic, {Flagged}/{Accounts} flagged, {EverFlagged} at some point";
}
