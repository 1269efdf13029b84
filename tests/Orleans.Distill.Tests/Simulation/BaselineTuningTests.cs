using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Cli.Generalisation;

namespace Orleans.Distill.Tests.Simulation;

public sealed class BaselineTuningTests
{
    [Fact]
    public void Choose_TakesTheBestF1AmongSettingsReachingThePrecision()
    {
        Confusion[] settings =
        [
            new(90, 30, 100, 900), // P 0.75, R 0.9: the best F1 (0.82), but short of the precision
            new(40, 2, 100, 900),  // P 0.95, R 0.4: F1 0.56
            new(60, 5, 100, 900),  // P 0.92, R 0.6: F1 0.73, the best that reaches 0.9
        ];

        Assert.Equal((2, true), BaselineTuning.Choose(settings, 0.9));
        Assert.Equal((1, true), BaselineTuning.Choose(settings, 0.94));
        // None reaches 0.99: the best F1 of all, said so.
        Assert.Equal((0, false), BaselineTuning.Choose(settings, 0.99));
        // A tie goes to the first setting of the grid.
        Assert.Equal((0, true), BaselineTuning.Choose([new(5, 0, 10, 10), new(5, 0, 10, 10)], 0.9));
    }

    [Fact]
    public void Tune_PoolsCountsOverWorlds_AndMeasureReadsTheSameSettingElsewhere()
    {
        var families = new Dictionary<string, FamilyResult> { ["ring"] = Family(true, 10), ["single"] = Family(false, 90) };
        WorldResult World(string name, params (int K, int Ring, int Single)[] points) => new(name, WorldRole.Tuning, [], families,
            new Dictionary<string, List<BaselinePoint>>
            {
                [BaselineGrid.PlainComponents] = [.. points.Select(p => BaselineGrid.Point(
                    [.. Enumerable.Range(0, p.Ring).Select(i => $"r{i}"), .. Enumerable.Range(0, p.Single).Select(i => $"s{i}")],
                    Labels(), ("min_component", p.K)))],
            });
        // K = 2 finds every ring account but drags in singles; K = 5 misses some in one world, is clean in both.
        var a = World("a", (2, 10, 10), (5, 8, 0));
        var b = World("b", (2, 10, 30), (5, 10, 0));

        var tuned = BaselineTuning.Tune([a, b], BaselineGrid.PlainComponents, 0.9);

        Assert.Equal("min_component=5", tuned.Describe());
        Assert.True(tuned.ReachedPrecision);
        Assert.Equal(new Confusion(18, 0, 20, 180), tuned.Tuning);
        Assert.Equal(new Confusion(10, 0, 10, 90), BaselineTuning.Measure([b], BaselineGrid.PlainComponents, tuned.Parameters));
        Assert.Equal(new Confusion(10, 30, 10, 90), b.CountsOf(b.BaselineGrid[BaselineGrid.PlainComponents][0]));
    }

    private static Dictionary<string, LabelledAccount> Labels() =>
        Enumerable.Range(0, 10).Select(i => new LabelledAccount($"r{i}", true, "ring"))
            .Concat(Enumerable.Range(0, 90).Select(i => new LabelledAccount($"s{i}", false, "single")))
            .ToDictionary(l => l.Account);

    private static FamilyResult Family(bool campaign, int accounts) =>
        new(campaign, accounts, 0, 0, 0, 0, 0, null, null, null, null, 0, null, null);
}
