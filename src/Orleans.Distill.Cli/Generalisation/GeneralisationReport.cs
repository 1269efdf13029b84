using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Cli.Generalisation;

/// <summary>A detector on the tuning worlds and on the held-out test worlds, at one setting chosen on the former.</summary>
public sealed record DetectorRow(string Detector, string Setting, bool? ReachedTarget, Confusion Tuning, Confusion Test);

/// <summary>Everything <c>generalise</c> found, as written to <c>generalisation.json</c>.</summary>
public sealed record GeneralisationReport(
    GeneralisationSettings Settings,
    IReadOnlyList<string> TuningWorlds,
    IReadOnlyList<string> TestWorlds,
    IReadOnlyList<string> RealWorlds,
    double? ReviewThreshold,
    double? DenyThreshold,
    IReadOnlyList<WorldHeadline> Headlines,
    IReadOnlyList<FamilyRow> TestFamilies,
    IReadOnlyList<LofoResult> FamiliesLeftOut,
    IReadOnlyList<DetectorRow> Detectors,
    IReadOnlyList<RealDataRow> RealSets)
{
    /// <exception cref="ArgumentException">A world is given twice, or in more than one role.</exception>
    public static GeneralisationReport Analyse(IReadOnlyList<WorldResult> worlds, GeneralisationSettings settings)
    {
        if (worlds.GroupBy(w => w.World).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"the world '{twice.Key}' is given more than once: a held-out world must never be a tuning one");
        }

        var tuning = worlds.Where(w => w.Role == WorldRole.Tuning).ToList();
        var test = worlds.Where(w => w.Role == WorldRole.Test).ToList();
        var real = worlds.Where(w => w.Role == WorldRole.Real).ToList();
        if (tuning.Count == 0 || test.Count == 0)
        {
            throw new ArgumentException("give at least one tuning world and one test world");
        }

        var source = settings.Score;
        var tuningAccounts = tuning.SelectMany(w => w.Accounts).ToList();
        var testAccounts = test.SelectMany(w => w.Accounts).ToList();
        var tuned = LeaveOneFamilyOut.Thresholds(tuningAccounts, source, settings.ReviewPrecision, settings.DenyPrecision);

        List<WorldHeadline> headlines =
        [
            .. tuning.Select(w => HeldOut.Headline(w.World, "tuning", [w], tuned, settings)),
            .. test.Select(w => HeldOut.Headline(w.World, "test", [w], tuned, settings)),
            HeldOut.Headline("tuning, pooled", "tuning", tuning, tuned, settings),
            HeldOut.Headline("test, pooled", "test", test, tuned, settings),
        ];

        var baselines = new[] { BaselineGrid.TwentyLine, BaselineGrid.PlainComponents, BaselineGrid.PerAccountRules }
            .Select(b => BaselineTuning.Tune(tuning, b, settings.BaselinePrecision)).ToList();
        List<DetectorRow> detectors =
        [
            Distill("distill review or deny", "default ReviewAt", tuningAccounts, testAccounts, a => AccountOutcome.IsFlag(source.Decision(a))),
            Distill("distill deny", "default DenyAt", tuningAccounts, testAccounts, a => source.Decision(a) == "deny"),
            Distill("distill score ≥ review threshold", RealData.Threshold(tuned.Review), tuningAccounts, testAccounts, a => ThresholdTuning.Flags(tuned.Review, source.Score(a))),
            Distill("distill score ≥ deny threshold", RealData.Threshold(tuned.Deny), tuningAccounts, testAccounts, a => ThresholdTuning.Flags(tuned.Deny, source.Score(a))),
            .. baselines.Select(b => new DetectorRow(RealData.Name(b.Baseline), b.Describe(), b.ReachedPrecision, b.Tuning, BaselineTuning.Measure(test, b.Baseline, b.Parameters))),
        ];

        return new GeneralisationReport(
            settings,
            [.. tuning.Select(w => w.World)],
            [.. test.Select(w => w.World)],
            [.. real.Select(w => w.World)],
            tuned.Review,
            tuned.Deny,
            headlines,
            HeldOut.Families(test, tuned, settings),
            LeaveOneFamilyOut.Run(tuningAccounts, testAccounts, source, settings.ReviewPrecision, settings.DenyPrecision),
            detectors,
            [.. real.SelectMany(w => RealData.Rows(w, tuned, baselines, settings))]);
    }

    private static DetectorRow Distill(string name, string setting, List<AccountOutcome> tuning, List<AccountOutcome> test, Func<AccountOutcome, bool> flags) =>
        new(name, setting, null, Confusion.Of(tuning.Select(a => (a.Fraud, flags(a)))), Confusion.Of(test.Select(a => (a.Fraud, flags(a)))));
}
