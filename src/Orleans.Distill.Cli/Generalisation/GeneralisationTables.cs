using System.Globalization;

namespace Orleans.Distill.Cli.Generalisation;

/// <summary>The report's tables, in the order they are read: held-out worlds, families, leave-one-family-out, detectors, real data.</summary>
public static class GeneralisationTables
{
    public static List<ReportTable> Of(GeneralisationReport report)
    {
        var s = report.Settings;
        var thresholds = $"Thresholds chosen on the tuning worlds ({string.Join(", ", report.TuningWorlds)}; {s.Score.ToString().ToLowerInvariant()} scores): "
            + $"review {RealData.Threshold(report.ReviewThreshold)} (reaching precision {s.ReviewPrecision}), deny {RealData.Threshold(report.DenyThreshold)} (reaching precision {s.DenyPrecision}); each halfway between the lowest score reaching the precision and the next score below it.";
        List<ReportTable> tables =
        [
            new("Held-out seeds: headline",
                ["world", "role", "review-or-deny P", "R", "deny P", "R", "tuned deny P", "R", "organic FPR", $"campaigns first flagged < {s.EarlyShare:P0} traffic", "campaign accts flagged by evidence now", "remembered-only flags"],
                [.. report.Headlines.Select(h => Row(
                    h.World, h.Role, F(h.ReviewOrDeny.Precision), F(h.ReviewOrDeny.Recall), F(h.Deny.Precision), F(h.Deny.Recall), F(h.TunedDeny.Precision), F(h.TunedDeny.Recall),
                    $"{P(h.ReviewOrDeny.FalsePositiveRate)} ({h.ReviewOrDeny.FalsePositives}/{h.ReviewOrDeny.Organic})", $"{h.CampaignsEarly}/{h.Campaigns}",
                    Share(h.CampaignEvidenceFlagged, h.ReviewOrDeny.Fraud), N(h.RememberedOnly)))],
                thresholds + (s.Score == ScoreSource.Final
                    ? " Review-or-deny and deny are the host's own decisions (remembered verdicts included)"
                    : " Review-or-deny and deny are the decisions of current evidence alone")
                    + "; remembered-only flags (the host flags them, their evidence no longer does) are counted apart."),
            new("Organic families on the test worlds (review or deny = a false positive)",
                ["family", "worlds", "accounts", "false positives (host)", "FP rate", "denied", "by evidence now", "remembered only", "FP at tuned review", "FP at tuned deny"],
                [.. report.TestFamilies.Where(f => !f.Campaign).Select(f => Row(
                    f.Family, N(f.Worlds), N(f.Accounts), N(f.Flagged), P(f.Share(f.Flagged)), N(f.Denied), N(f.EvidenceFlagged), N(f.RememberedOnly), N(f.TunedReviewFlagged), N(f.TunedDenyFlagged)))]),
            new("Campaign families on the test worlds",
                ["family", "worlds", "accounts", "recall (host)", "deny recall", "by evidence now", "remembered only", "recall at tuned deny", "precision around", $"worlds first flagged < {s.EarlyShare:P0}", "first flagged (latest, traffic)", "half flagged (latest, traffic)"],
                [.. report.TestFamilies.Where(f => f.Campaign).Select(f => Row(
                    f.Family, N(f.Worlds), N(f.Accounts), P(f.Share(f.Flagged)), P(f.Share(f.Denied)), P(f.Share(f.EvidenceFlagged)), N(f.RememberedOnly), P(f.Share(f.TunedDenyFlagged)),
                    f.Precision is { } p ? F(p) : "—", $"{f.WorldsEarly}/{f.Worlds}", Timing(f.WorstFirstFlaggedTraffic), Timing(f.WorstHalfFlaggedTraffic)))],
                "Precision around: campaign accounts among every flagged account in the components the family's flagged accounts sit in. Latest: the worst world; never if any world never flagged it."),
            new("Leave one family out: thresholds tuned without the family, measured on it in the test worlds",
                ["family", "kind", "test accounts", "review threshold", "deny threshold", "flagged at review", "flagged at deny", "with it in tuning: review", "deny"],
                [.. report.FamiliesLeftOut.Select(l => Row(
                    l.Family, l.Campaign ? "campaign (recall)" : "organic (FP rate)", N(l.Accounts), T(l.ReviewThreshold), T(l.DenyThreshold),
                    Share(l.ReviewFlagged, l.Accounts), Share(l.DenyFlagged, l.Accounts), Share(l.InSampleReviewFlagged, l.Accounts), Share(l.InSampleDenyFlagged, l.Accounts)))],
                $"Rule: halfway between the lowest score at which the tuning worlds' accounts, the family's removed, reach precision {s.ReviewPrecision} (review) and {s.DenyPrecision} (deny) and the next score below it."),
            new("Detectors: set on the tuning worlds, measured on the held-out test worlds",
                ["detector", "setting", $"reaches P ≥ {s.BaselinePrecision} on tuning", "tuning P", "R", "F1", "test P", "R", "F1", "test organic FPR"],
                [.. report.Detectors.Select(d => Row(
                    d.Detector, d.Setting, d.ReachedTarget is { } r ? (r ? "yes" : "no: best F1 of all") : "—", F(d.Tuning.Precision), F(d.Tuning.Recall), F(d.Tuning.F1),
                    F(d.Test.Precision), F(d.Test.Recall), F(d.Test.F1), P(d.Test.FalsePositiveRate)))],
                $"Baselines take the grid setting with the best pooled F1 among those reaching precision {s.BaselinePrecision} on the tuning worlds (the best F1 of all when none does)."),
        ];

        foreach (var set in report.RealSets.GroupBy(r => r.Set))
        {
            tables.Add(new($"Real data: {set.Key}",
                ["detector", "chosen", "setting", "precision", "recall", "F1", $"F1 at P ≥ {s.RealPrecision}"],
                [.. set.Select(r => Row(r.Detector, r.HowChosen, r.Setting, F(r.Counts.Precision), F(r.Counts.Recall), F(r.Counts.F1), r.F1AtPrecision(s.RealPrecision) is { } f ? F(f) : "— (P too low)"))],
                Verdict(set.ToList(), s.RealPrecision)));
        }

        return tables;
    }

    /// <summary>The issue's target on a real set: beat the tuned 20-line baseline on F1 at the precision target.</summary>
    public static string Verdict(IReadOnlyList<RealDataRow> rows, double precision)
    {
        var distill = rows.Where(r => r.Detector.StartsWith("distill", StringComparison.Ordinal) && !r.UpperBound).Max(r => r.F1AtPrecision(precision) ?? 0);
        var baseline = rows.First(r => r.Detector == RealData.Name(Evaluation.BaselineGrid.TwentyLine) && !r.UpperBound).F1AtPrecision(precision) ?? 0;
        var ceiling = rows.First(r => r.Detector == RealData.Name(Evaluation.BaselineGrid.TwentyLine) && r.UpperBound).F1AtPrecision(precision) ?? 0;
        return $"Target, F1 at precision ≥ {precision} (0 when precision falls short): distill {F(distill)} (best of its default and sim-tuned settings) against the 20-line baseline tuned on the simulated worlds {F(baseline)}: "
            + (distill > baseline ? "beaten" : "not beaten")
            + $"; against the baseline's own ceiling on this set {F(ceiling)}: " + (distill > ceiling ? "beaten" : "not beaten") + ".";
    }

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string P(double v) => (100 * v).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string N(int v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string T(double? t) => t is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "none";

    private static string Share(int count, int of) => $"{N(count)}/{N(of)} ({P(of == 0 ? 0 : (double)count / of)})";

    private static string Timing(double? traffic) => traffic is { } t ? P(t) : "never (some world)";
}
