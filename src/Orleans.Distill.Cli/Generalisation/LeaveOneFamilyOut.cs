using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Cli.Generalisation;

/// <summary>
/// One family held out: thresholds tuned on the tuning worlds without any of its accounts, measured on its accounts
/// in the test worlds. For a campaign, the share caught (recall); for an organic family, the share wrongly flagged.
/// <see cref="InSampleReviewFlagged"/> and <see cref="InSampleDenyFlagged"/> are the same at thresholds tuned with
/// it, so the gap shows how much the thresholds leaned on having seen it.
/// </summary>
public sealed record LofoResult(
    string Family,
    bool Campaign,
    int Accounts,
    double? ReviewThreshold,
    double? DenyThreshold,
    int ReviewFlagged,
    int DenyFlagged,
    int InSampleReviewFlagged,
    int InSampleDenyFlagged)
{
    public double ReviewShare => Accounts == 0 ? 0 : (double)ReviewFlagged / Accounts;

    public double DenyShare => Accounts == 0 ? 0 : (double)DenyFlagged / Accounts;
}

public static class LeaveOneFamilyOut
{
    /// <summary>The tuning accounts without <paramref name="family"/>'s, and the test accounts that are its.</summary>
    public static (List<AccountOutcome> Tuning, List<AccountOutcome> HeldOut) Split(IEnumerable<AccountOutcome> tuning, IEnumerable<AccountOutcome> test, string family) =>
        ([.. tuning.Where(a => a.Family != family)], [.. test.Where(a => a.Family == family)]);

    /// <summary>One result per family of the test worlds, in name order.</summary>
    public static List<LofoResult> Run(IReadOnlyList<AccountOutcome> tuning, IReadOnlyList<AccountOutcome> test, ScoreSource source, double reviewPrecision, double denyPrecision)
    {
        var inSample = Thresholds(tuning, source, reviewPrecision, denyPrecision);
        var results = new List<LofoResult>();
        foreach (var family in test.Select(a => a.Family).Distinct().Order(StringComparer.Ordinal))
        {
            var (without, heldOut) = Split(tuning, test, family);
            var (review, deny) = Thresholds(without, source, reviewPrecision, denyPrecision);
            results.Add(new LofoResult(
                family,
                heldOut[0].Fraud,
                heldOut.Count,
                review,
                deny,
                heldOut.Count(a => ThresholdTuning.Flags(review, source.Score(a))),
                heldOut.Count(a => ThresholdTuning.Flags(deny, source.Score(a))),
                heldOut.Count(a => ThresholdTuning.Flags(inSample.Review, source.Score(a))),
                heldOut.Count(a => ThresholdTuning.Flags(inSample.Deny, source.Score(a)))));
        }

        return results;
    }

    /// <summary>The review and deny thresholds the tuning rule picks on <paramref name="accounts"/>.</summary>
    public static (double? Review, double? Deny) Thresholds(IEnumerable<AccountOutcome> accounts, ScoreSource source, double reviewPrecision, double denyPrecision)
    {
        var scored = accounts.Select(a => (source.Score(a), a.Fraud)).ToList();
        return (ThresholdTuning.Cut(scored, reviewPrecision), ThresholdTuning.Cut(scored, denyPrecision));
    }
}
