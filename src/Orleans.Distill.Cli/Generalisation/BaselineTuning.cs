using System.Globalization;
using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Cli.Generalisation;

/// <summary>A baseline's parameters as chosen on the tuning worlds, and what they counted there.</summary>
public sealed record TunedBaseline(string Baseline, SortedDictionary<string, double> Parameters, bool ReachedPrecision, Confusion Tuning)
{
    public string Describe() => BaselineTuning.Describe(Parameters);
}

/// <summary>
/// Chooses a baseline's parameters from its grid (<see cref="BaselineGrid"/>): counts pooled over the worlds given,
/// the best F1 among settings reaching the precision target, or, when none does, the best F1 of all (said so).
/// The first setting of the grid wins a tie.
/// </summary>
public static class BaselineTuning
{
    public static TunedBaseline Tune(IReadOnlyList<WorldResult> worlds, string baseline, double minPrecision)
    {
        var pooled = Pool(worlds, baseline);
        if (pooled.Count == 0)
        {
            throw new FormatException($"no world holds a grid for the baseline {baseline}");
        }

        var (choice, reached) = Choose(pooled.Select(p => p.Counts).ToList(), minPrecision);
        return new TunedBaseline(baseline, pooled[choice].Parameters, reached, pooled[choice].Counts);
    }

    /// <summary>The index of the setting chosen among <paramref name="settings"/>, and whether it reached the target.</summary>
    public static (int Index, bool Reached) Choose(IReadOnlyList<Confusion> settings, double minPrecision)
    {
        var reaching = Enumerable.Range(0, settings.Count).Where(i => settings[i].Precision >= minPrecision).ToList();
        var candidates = reaching.Count > 0 ? reaching : Enumerable.Range(0, settings.Count).ToList();
        var best = candidates[0];
        foreach (var i in candidates.Where(i => settings[i].F1 > settings[best].F1))
        {
            best = i;
        }

        return (best, reaching.Count > 0);
    }

    /// <summary>The counts of one setting, pooled over <paramref name="worlds"/>.</summary>
    public static Confusion Measure(IEnumerable<WorldResult> worlds, string baseline, IReadOnlyDictionary<string, double> parameters) =>
        Confusion.Sum(worlds.Select(w => w.CountsOf(w.BaselineGrid[baseline].Single(p => Describe(p.Parameters) == Describe(parameters)))));

    /// <summary>Each setting in grid order (the settings every world holds), with its counts pooled over the worlds.</summary>
    public static List<(SortedDictionary<string, double> Parameters, Confusion Counts)> Pool(IReadOnlyList<WorldResult> worlds, string baseline)
    {
        var grids = worlds.Select(w => w.BaselineGrid.GetValueOrDefault(baseline) ?? []).ToList();
        if (grids.Count == 0)
        {
            return [];
        }

        var shared = grids.Skip(1).Aggregate(grids[0].Select(p => Describe(p.Parameters)).ToHashSet(), (keys, grid) =>
        {
            keys.IntersectWith(grid.Select(p => Describe(p.Parameters)));
            return keys;
        });
        return
        [
            .. grids[0].Where(p => shared.Contains(Describe(p.Parameters))).Select(p =>
                (p.Parameters, Confusion.Sum(worlds.Select((w, i) => w.CountsOf(grids[i].First(q => Describe(q.Parameters) == Describe(p.Parameters))))))),
        ];
    }

    public static string Describe(IReadOnlyDictionary<string, double> parameters) =>
        string.Join(", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}"));
}
