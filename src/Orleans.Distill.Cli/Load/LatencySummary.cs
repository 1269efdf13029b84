namespace Orleans.Distill.Cli.Load;

/// <summary>An open-loop run in milliseconds, from each request's intended start to its full response, errors included.</summary>
public sealed record LatencySummary(
    string Name,
    double TargetRate,
    double AchievedRate,
    long Sent,
    long Errors,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    SortedDictionary<string, int> Outcomes,
    SortedDictionary<string, int> ErrorsByCause)
{
    public static LatencySummary Of(LoadResult run) => new(
        run.Name,
        run.TargetRate,
        run.AchievedRate,
        run.Sent,
        run.Errors,
        run.Percentile(50),
        run.Percentile(90),
        run.Percentile(99),
        run.Percentile(99.9),
        run.MaxMs,
        new SortedDictionary<string, int>(
            run.Outcomes.GroupBy(o => o.Key.Outcome).ToDictionary(g => g.Key, g => g.Sum(o => o.Value)), StringComparer.Ordinal),
        new SortedDictionary<string, int>(run.ErrorsByCause.ToDictionary(), StringComparer.Ordinal));
}
