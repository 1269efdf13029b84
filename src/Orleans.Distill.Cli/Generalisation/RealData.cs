using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Cli.Generalisation;

/// <summary>
/// One detector's figures on a real data set. <see cref="HowChosen"/> says where its setting came from: the host's
/// defaults, the simulated tuning worlds, or the set itself (<see cref="UpperBound"/>: chosen with the set's own
/// labels, which no detector has in use; a ceiling, not a result).
/// </summary>
public sealed record RealDataRow(string Set, string Detector, string HowChosen, string Setting, Confusion Counts, bool UpperBound)
{
    /// <summary>F1 when precision reaches the target, else null: the "F1 at precision ≥ 0.9".</summary>
    public double? F1AtPrecision(double precision) => Counts.Precision >= precision ? Counts.F1 : null;
}

/// <summary>
/// The real data sets: Orleans.Distill at its default decisions and at the thresholds tuned on the simulated worlds,
/// beside the baselines tuned on the simulated worlds, and the ceilings of both chosen on the set itself.
/// </summary>
public static class RealData
{
    public static List<RealDataRow> Rows(WorldResult set, (double? Review, double? Deny) tuned, IReadOnlyList<TunedBaseline> baselines, GeneralisationSettings settings)
    {
        var source = settings.Score;
        var accounts = set.Accounts;
        var scored = accounts.Select(a => (source.Score(a), a.Fraud)).ToList();
        var rows = new List<RealDataRow>
        {
            new(set.World, "distill review or deny", "default", "ReviewAt", Confusion.Of(accounts.Select(a => (a.Fraud, AccountOutcome.IsFlag(source.Decision(a))))), false),
            new(set.World, "distill deny", "default", "DenyAt", Confusion.Of(accounts.Select(a => (a.Fraud, source.Decision(a) == "deny"))), false),
            new(set.World, "distill score ≥ review threshold", "tuned on simulated worlds", Threshold(tuned.Review), Flagging(accounts, tuned.Review, source), false),
            new(set.World, "distill score ≥ deny threshold", "tuned on simulated worlds", Threshold(tuned.Deny), Flagging(accounts, tuned.Deny, source), false),
        };
        var best = ThresholdTuning.BestF1(scored, settings.RealPrecision);
        rows.Add(new(set.World, "distill score ≥ threshold", "on the set itself (upper bound)", best is { } b ? Threshold(b.Threshold) : "none reaches the precision",
            best?.Counts ?? Flagging(accounts, null, source), true));

        foreach (var baseline in baselines)
        {
            rows.Add(new(set.World, Name(baseline.Baseline), "tuned on simulated worlds", baseline.Describe(), BaselineTuning.Measure([set], baseline.Baseline, baseline.Parameters), false));
        }

        var onSet = BaselineTuning.Pool([set], BaselineGrid.TwentyLine);
        var reaching = onSet.Where(p => p.Counts.Precision >= settings.RealPrecision).ToList();
        if (reaching.Count > 0)
        {
            var top = reaching[BaselineTuning.Choose([.. reaching.Select(r => r.Counts)], settings.RealPrecision).Index];
            rows.Add(new(set.World, Name(BaselineGrid.TwentyLine), "on the set itself (upper bound)", BaselineTuning.Describe(top.Parameters), top.Counts, true));
        }
        else
        {
            rows.Add(new(set.World, Name(BaselineGrid.TwentyLine), "on the set itself (upper bound)", "no setting reaches the precision", Flagging(accounts, null, source), true));
        }

        return rows;
    }

    public static string Name(string baseline) => baseline switch
    {
        BaselineGrid.TwentyLine => "20-line baseline",
        BaselineGrid.PlainComponents => "plain components",
        BaselineGrid.PerAccountRules => "per-account rules",
        _ => baseline,
    };

    public static string Threshold(double? t) => t is { } v ? $"score ≥ {v:0.####}" : "none (flags nothing)";

    private static Confusion Flagging(IEnumerable<AccountOutcome> accounts, double? threshold, ScoreSource source) =>
        Confusion.Of(accounts.Select(a => (a.Fraud, ThresholdTuning.Flags(threshold, source.Score(a)))));
}
