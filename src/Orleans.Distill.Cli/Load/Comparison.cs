namespace Orleans.Distill.Cli.Load;

/// <summary>One line of the load table: a figure of the system beside the same figure of its baseline.</summary>
/// <param name="Ratio">Value over baseline value; null when either is missing or the baseline is zero.</param>
public sealed record Comparison(string Measure, string Unit, double Value, string Baseline, double BaselineValue, double? Ratio)
{
    public static Comparison Of(string measure, string unit, double value, string baseline, double baselineValue) =>
        new(measure, unit, value, baseline, baselineValue,
            double.IsFinite(value) && double.IsFinite(baselineValue) && baselineValue > 0 ? value / baselineValue : null);
}
