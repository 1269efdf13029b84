namespace Orleans.Distill.Cli.Generalisation;

/// <summary>
/// Account-level counts of one detector on some accounts: flagged campaign accounts (true positives), flagged
/// organic ones (false positives), and how many of each there were. Counts, not rates, so worlds pool by adding.
/// </summary>
public readonly record struct Confusion(int TruePositives, int FalsePositives, int Fraud, int Organic)
{
    public int Flagged => TruePositives + FalsePositives;

    /// <summary>0 when nothing is flagged, as in <c>evaluate</c>; read it beside <see cref="Flagged"/>.</summary>
    public double Precision => Flagged == 0 ? 0 : (double)TruePositives / Flagged;

    public double Recall => Fraud == 0 ? 0 : (double)TruePositives / Fraud;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public double FalsePositiveRate => Organic == 0 ? 0 : (double)FalsePositives / Organic;

    public static Confusion operator +(Confusion a, Confusion b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.Fraud + b.Fraud, a.Organic + b.Organic);

    public static Confusion Of(IEnumerable<(bool Fraud, bool Flagged)> accounts)
    {
        var c = new Confusion();
        foreach (var (fraud, flagged) in accounts)
        {
            c += new Confusion(fraud && flagged ? 1 : 0, !fraud && flagged ? 1 : 0, fraud ? 1 : 0, fraud ? 0 : 1);
        }

        return c;
    }

    public static Confusion Sum(IEnumerable<Confusion> parts) => parts.Aggregate(new Confusion(), (a, b) => a + b);
}
