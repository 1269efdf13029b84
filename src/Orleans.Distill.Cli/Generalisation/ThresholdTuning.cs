namespace Orleans.Distill.Cli.Generalisation;

/// <summary>
/// Score cut-offs chosen on data: an account is flagged at threshold t when its score is at least t, and the
/// candidates are the scores that occur (between two of them nothing changes).
/// </summary>
public static class ThresholdTuning
{
    /// <summary>
    /// The lowest threshold whose flagged accounts reach <paramref name="precision"/>: the most recall the precision
    /// target allows, read literally (precision need not fall monotonically as the threshold drops, and a lower
    /// threshold that reaches the target again is taken). Null when none does: then nothing is flagged.
    /// </summary>
    public static double? Lowest(IEnumerable<(double Score, bool Fraud)> accounts, double precision)
    {
        double? lowest = null;
        foreach (var (threshold, counts) in Sweep(accounts))
        {
            if (counts.Precision >= precision)
            {
                lowest = threshold;
            }
        }

        return lowest;
    }

    /// <summary>
    /// The threshold carried from tuning data to data it was not tuned on: halfway between <see cref="Lowest"/> and the
    /// next score below it. Every threshold in that gap flags the same tuning accounts, so the tuning data cannot choose
    /// within it; its top edge, the lowest score that reaches the precision, leaves no margin for an unseen family that
    /// scores a little below every tuned one, and the bottom edge none for an unseen customer a little above every
    /// tuned one. The middle leaves both the same margin, as a decision tree splits between adjacent values. The
    /// lowest score itself when none lies below it; null when none reaches the precision.
    /// </summary>
    public static double? Cut(IEnumerable<(double Score, bool Fraud)> accounts, double precision)
    {
        var scored = accounts as IReadOnlyCollection<(double Score, bool Fraud)> ?? [.. accounts];
        if (Lowest(scored, precision) is not { } lowest)
        {
            return null;
        }

        // Scores a unit in the last place apart have no double between them: the midpoint would round onto one.
        var below = scored.Where(a => a.Score < lowest).Select(a => (double?)a.Score).Max();
        var middle = below is { } next ? (lowest + next) / 2 : lowest;
        return middle > below ? middle : lowest;
    }

    /// <summary>
    /// The threshold with the best F1 among those reaching <paramref name="minPrecision"/> (the lower on a tie), and
    /// its counts; null when none reaches it.
    /// </summary>
    public static (double Threshold, Confusion Counts)? BestF1(IEnumerable<(double Score, bool Fraud)> accounts, double minPrecision)
    {
        (double Threshold, Confusion Counts)? best = null;
        foreach (var (threshold, counts) in Sweep(accounts))
        {
            if (counts.Precision >= minPrecision && (best is null || counts.F1 >= best.Value.Counts.F1))
            {
                best = (threshold, counts);
            }
        }

        return best;
    }

    /// <summary>Flags accounts at <paramref name="threshold"/>; a null threshold flags none.</summary>
    public static bool Flags(double? threshold, double score) => threshold is { } t && score >= t;

    /// <summary>Every candidate threshold, highest first, with what flagging at it counts.</summary>
    private static IEnumerable<(double Threshold, Confusion Counts)> Sweep(IEnumerable<(double Score, bool Fraud)> accounts)
    {
        var sorted = accounts.OrderByDescending(a => a.Score).ToArray();
        var fraud = sorted.Count(a => a.Fraud);
        var organic = sorted.Length - fraud;
        var (truePositives, falsePositives) = (0, 0);
        for (var i = 0; i < sorted.Length;)
        {
            var threshold = sorted[i].Score;
            for (; i < sorted.Length && sorted[i].Score == threshold; i++)
            {
                (truePositives, falsePositives) = sorted[i].Fraud ? (truePositives + 1, falsePositives) : (truePositives, falsePositives + 1);
            }

            yield return (threshold, new Confusion(truePositives, falsePositives, fraud, organic));
        }
    }
}
