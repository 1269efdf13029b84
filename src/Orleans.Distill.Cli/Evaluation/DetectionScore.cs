namespace Orleans.Distill.Cli.Evaluation;

/// <summary>Account-level precision, recall and F1 of one set of flagged accounts against the labels.</summary>
public sealed record DetectionScore(int Flagged, int TruePositives, int Fraud, int Organic, int FalsePositives)
{
    public double Precision => Flagged == 0 ? 0 : (double)TruePositives / Flagged;

    public double Recall => Fraud == 0 ? 0 : (double)TruePositives / Fraud;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Share of organic accounts flagged.</summary>
    public double FalsePositiveRate => Organic == 0 ? 0 : (double)FalsePositives / Organic;

    public static DetectionScore Of(IReadOnlyCollection<string> flagged, IReadOnlyDictionary<string, LabelledAccount> labels)
    {
        var truePositives = flagged.Count(a => labels.TryGetValue(a, out var l) && l.Fraud);
        var fraud = labels.Values.Count(l => l.Fraud);
        return new DetectionScore(flagged.Count, truePositives, fraud, labels.Count - fraud, flagged.Count - truePositives);
    }

    /// <summary>Share flagged of each organic kind: which kind of legitimate sharing a detector mistakes for a ring.</summary>
    public static SortedDictionary<string, double> FalsePositiveRateByKind(IReadOnlyCollection<string> flagged, IReadOnlyDictionary<string, LabelledAccount> labels)
    {
        var set = flagged as IReadOnlySet<string> ?? flagged.ToHashSet();
        var rates = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var kind in labels.Values.Where(l => !l.Fraud).GroupBy(l => l.Group))
        {
            rates[kind.Key] = (double)kind.Count(l => set.Contains(l.Account)) / kind.Count();
        }

        return rates;
    }
}
