using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Cli.Generalisation;

/// <summary>
/// One world's (or a pool of worlds') headline figures. <see cref="ReviewOrDeny"/> and <see cref="Deny"/> are the
/// host's own decisions; <see cref="TunedReview"/> and <see cref="TunedDeny"/> flag by score at the thresholds chosen
/// on the tuning worlds. <see cref="CampaignEvidenceFlagged"/>: campaign accounts their current evidence still
/// flags at the end; <see cref="RememberedOnly"/>: flags held up by memory alone, counted apart.
/// </summary>
public sealed record WorldHeadline(
    string World,
    string Role,
    Confusion ReviewOrDeny,
    Confusion Deny,
    Confusion TunedReview,
    Confusion TunedDeny,
    int Campaigns,
    int CampaignsEarly,
    int CampaignEvidenceFlagged,
    int RememberedOnly);

/// <summary>
/// One family's figures pooled over some worlds. Counts add up; the timings are the worst (latest) over the worlds
/// the family was flagged in, and <see cref="WorldsEarly"/> counts the worlds it was first flagged before the early
/// share of its traffic. <see cref="Precision"/> is the campaign's precision around it (see <see cref="FamilyResult"/>).
/// </summary>
public sealed record FamilyRow(
    string Family,
    bool Campaign,
    int Worlds,
    int Accounts,
    int Flagged,
    int Denied,
    int EvidenceFlagged,
    int RememberedOnly,
    int TunedReviewFlagged,
    int TunedDenyFlagged,
    double? Precision,
    int WorldsEarly,
    double? WorstFirstFlaggedTraffic,
    double? WorstHalfFlaggedTraffic)
{
    public double Share(int count) => Accounts == 0 ? 0 : (double)count / Accounts;
}

/// <summary>The held-out figures: per world and pooled, then per family over the test worlds.</summary>
public static class HeldOut
{
    public static WorldHeadline Headline(string name, string role, IReadOnlyList<WorldResult> worlds, (double? Review, double? Deny) tuned, GeneralisationSettings settings)
    {
        var accounts = worlds.SelectMany(w => w.Accounts).ToList();
        var campaigns = worlds.SelectMany(w => w.Families.Values).Where(f => f.Campaign).ToList();
        var source = settings.Score;
        return new WorldHeadline(
            name,
            role,
            Confusion.Of(accounts.Select(a => (a.Fraud, AccountOutcome.IsFlag(source.Decision(a))))),
            Confusion.Of(accounts.Select(a => (a.Fraud, source.Decision(a) == "deny"))),
            Confusion.Of(accounts.Select(a => (a.Fraud, ThresholdTuning.Flags(tuned.Review, source.Score(a))))),
            Confusion.Of(accounts.Select(a => (a.Fraud, ThresholdTuning.Flags(tuned.Deny, source.Score(a))))),
            campaigns.Count,
            campaigns.Count(c => IsEarly(c, settings.EarlyShare)),
            accounts.Count(a => a.Fraud && a.EvidenceFlagged),
            accounts.Count(a => a.RememberedOnly));
    }

    public static bool IsEarly(FamilyResult family, double share) => family.FirstFlagged is { } first && first.TrafficShare < share;

    /// <summary>Every family of <paramref name="worlds"/>, campaigns first, pooled.</summary>
    public static List<FamilyRow> Families(IReadOnlyList<WorldResult> worlds, (double? Review, double? Deny) tuned, GeneralisationSettings settings)
    {
        // Components are a world's own: qualified by it, one family's pooled precision reads each world's alone.
        var accounts = worlds.SelectMany(w => w.Accounts.Select(a => a with { Component = a.Component is null ? null : $"{w.World}/{a.Component}" })).ToList();
        var pooled = FamilyResult.Of(accounts, new Dictionary<string, CampaignResult>());
        var rows = new List<FamilyRow>();
        foreach (var (family, result) in pooled)
        {
            var members = accounts.Where(a => a.Family == family).ToList();
            var perWorld = worlds.Select(w => w.Families.GetValueOrDefault(family)).OfType<FamilyResult>().ToList();
            rows.Add(new FamilyRow(
                family,
                result.Campaign,
                perWorld.Count,
                result.Accounts,
                result.Flagged,
                result.Denied,
                result.EvidenceFlagged,
                result.RememberedOnly,
                members.Count(a => ThresholdTuning.Flags(tuned.Review, settings.Score.Score(a))),
                members.Count(a => ThresholdTuning.Flags(tuned.Deny, settings.Score.Score(a))),
                result.Precision,
                perWorld.Count(f => IsEarly(f, settings.EarlyShare)),
                Worst(perWorld.Select(f => f.FirstFlagged)),
                Worst(perWorld.Select(f => f.HalfFlagged))));
        }

        return [.. rows.OrderByDescending(r => r.Campaign).ThenBy(r => r.Family, StringComparer.Ordinal)];
    }

    /// <summary>The latest traffic share among the worlds; null if any world never reached it (never is worst).</summary>
    private static double? Worst(IEnumerable<TimeToDetect?> timings)
    {
        var list = timings.ToList();
        return list.Count == 0 || list.Any(t => t is null) ? null : list.Max(t => t!.TrafficShare);
    }
}
