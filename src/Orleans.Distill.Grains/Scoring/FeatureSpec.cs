namespace Orleans.Distill.Scoring;

/// <summary>
/// How one feature counts: its measured value is mapped linearly from <see cref="Low"/> (0) to <see cref="High"/>
/// (1) and clamped, then multiplied by <see cref="Weight"/>. <see cref="High"/> below <see cref="Low"/> inverts it
/// (a small signup spread is the suspicious end). A <see cref="GroupOnly"/> feature describes behaviour in common,
/// which a pair of accounts cannot show: it is scaled down for groups smaller than
/// <see cref="ScoringOptions.FullGroupSize"/>.
/// </summary>
public sealed class FeatureSpec
{
    public double Weight { get; set; }
    public double Low { get; set; }
    public double High { get; set; } = 1;
    public bool GroupOnly { get; set; }

    public FeatureSpec()
    {
    }

    public FeatureSpec(double weight, double low, double high, bool groupOnly = false) =>
        (Weight, Low, High, GroupOnly) = (weight, low, high, groupOnly);

    public double Scale(double value)
    {
        if (High == Low)
        {
            return value >= High ? 1 : 0;
        }

        return Math.Clamp((value - Low) / (High - Low), 0, 1);
    }
}
