namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// One family's figures at the end of a replay. <see cref="Flagged"/> and <see cref="Denied"/> are what the host
/// answers (remembered verdicts included); <see cref="EvidenceFlagged"/> is what current evidence alone still
/// flags, and <see cref="RememberedOnly"/> the flags nothing but memory holds up, kept apart so they cannot pass
/// for evidence. A campaign has a recall and a precision (the share of campaign accounts among every flagged
/// account in the components its flagged accounts sit in: what flagging it takes down with it); an organic family
/// has false positives.
/// </summary>
public sealed record FamilyResult(
    bool Campaign,
    int Accounts,
    int Flagged,
    int Denied,
    int EvidenceFlagged,
    int RememberedOnly,
    int EverFlagged,
    double? Recall,
    double? Precision,
    int? FalsePositives,
    double? FalsePositiveRate,
    double StillFlaggedByEvidence,
    TimeToDetect? FirstFlagged,
    TimeToDetect? HalfFlagged)
{
    /// <param name="timeline">When each family was first and half flagged during the replay (<see cref="FamilyTimeline.Families"/>).</param>
    public static SortedDictionary<string, FamilyResult> Of(IReadOnlyList<AccountOutcome> outcomes, IReadOnlyDictionary<string, CampaignResult> timeline)
    {
        var flaggedByComponent = outcomes.Where(o => o.Flagged && o.Component is not null).ToLookup(o => o.Component!);
        var results = new SortedDictionary<string, FamilyResult>(StringComparer.Ordinal);
        foreach (var family in outcomes.GroupBy(o => o.Family))
        {
            var members = family.ToList();
            var campaign = members[0].Fraud;
            var flagged = members.Count(o => o.Flagged);
            var share = (double)flagged / members.Count;
            var timing = timeline.GetValueOrDefault(family.Key);
            results[family.Key] = new FamilyResult(
                campaign,
                members.Count,
                flagged,
                members.Count(o => o.Decision == "deny"),
                members.Count(o => o.EvidenceFlagged),
                members.Count(o => o.RememberedOnly),
                members.Count(o => o.EverFlagged),
                campaign ? share : null,
                campaign ? PrecisionAround(members, flaggedByComponent) : null,
                campaign ? null : flagged,
                campaign ? null : share,
                (double)members.Count(o => o.EvidenceFlagged) / members.Count,
                timing?.FirstFlagged,
                timing?.HalfFlagged);
        }

        return results;
    }

    private static double? PrecisionAround(List<AccountOutcome> members, ILookup<string, AccountOutcome> flaggedByComponent)
    {
        var components = members.Where(o => o.Flagged && o.Component is not null).Select(o => o.Component!).ToHashSet();
        var around = components.SelectMany(c => flaggedByComponent[c]).ToList();
        return around.Count == 0 ? null : (double)around.Count(o => o.Fraud) / around.Count;
    }
}
