using CsCheck;
using Orleans.Distill.Cli.Generalisation;

namespace Orleans.Distill.Tests.Simulation;

public sealed class ThresholdTuningTests
{
    // Flagging at 0.9 counts 2 of 2; at 0.8, 2 of 3; at 0.7, 3 of 4 (0.75); at 0.6, 4 of 5 (0.8); at 0.5, 4 of 6.
    private static readonly (double, bool)[] Scored = [(0.9, true), (0.9, true), (0.8, false), (0.7, true), (0.6, true), (0.5, false)];

    [Theory]
    [InlineData(0.99, 0.9)]
    [InlineData(0.8, 0.6)]
    // Precision dips to 2/3 at 0.8 and climbs back: the rule takes the lowest threshold that reaches the target.
    [InlineData(0.75, 0.6)]
    [InlineData(0.6, 0.5)]
    public void Lowest_IsTheLowestScoreWhoseFlagsReachThePrecision(double precision, double expected) =>
        Assert.Equal(expected, ThresholdTuning.Lowest(Scored, precision));

    [Fact]
    public void Lowest_IsNull_WhenNoThresholdReachesThePrecision_AndNullFlagsNothing()
    {
        var threshold = ThresholdTuning.Lowest([(0.9, false), (0.4, true)], 0.99);

        Assert.Null(threshold);
        Assert.False(ThresholdTuning.Flags(threshold, 1.0));
        Assert.True(ThresholdTuning.Flags(0.5, 0.5));
        Assert.False(ThresholdTuning.Flags(0.5, 0.4999));
    }

    [Theory]
    // 0.9 is the lowest reaching 0.99; the next score below is 0.8: halfway, 0.85, flags the same two accounts.
    [InlineData(0.99, 0.85)]
    [InlineData(0.8, 0.55)]
    // Nothing scores below 0.5: the cut is the lowest score itself.
    [InlineData(0.6, 0.5)]
    public void Cut_IsHalfwayFromTheLowestScoreReachingThePrecision_ToTheNextScoreBelow(double precision, double expected) =>
        Assert.Equal(expected, ThresholdTuning.Cut(Scored, precision)!.Value, 12);

    [Fact]
    public void Cut_IsTheLowestScoreItself_WhenNoDoubleLiesBetweenItAndTheNextBelow()
    {
        // 0.5 and the double above it: their halved sum rounds down onto 0.5.
        var (lowest, next) = (Math.BitIncrement(0.5), 0.5);
        Assert.Equal(next, (lowest + next) / 2);

        var cut = ThresholdTuning.Cut([(lowest, true), (next, false)], 0.99);

        Assert.Equal(lowest, cut);
        Assert.False(ThresholdTuning.Flags(cut, next));
    }

    [Fact]
    public void Cut_FlagsWhatTheLowestFlags_AndLeavesTheMostRoomOnBothSides()
    {
        Gen.Select(Accounts, Gen.Int[50, 100].Select(p => p / 100.0)).Sample((accounts, precision) =>
        {
            var lowest = ThresholdTuning.Lowest(accounts, precision);
            var cut = ThresholdTuning.Cut(accounts, precision);
            if (lowest is null)
            {
                return cut is null;
            }

            // The same tuning accounts flagged, and no score strictly between the cut and the lowest, nor as far below it.
            var below = accounts.Where(a => a.Score < lowest).Select(a => a.Score).DefaultIfEmpty(lowest.Value).Max();
            return cut is { } c
                && accounts.All(a => ThresholdTuning.Flags(c, a.Score) == ThresholdTuning.Flags(lowest, a.Score))
                && Math.Abs((lowest.Value - c) - (c - below)) < 1e-12;
        });
    }

    [Fact]
    public void BestF1_TakesTheBestF1AmongThresholdsReachingThePrecision()
    {
        // F1 at 0.9: 2/4 recall, precision 1 → 0.667; at 0.7: P 0.75, R 0.75 → 0.75; at 0.6: P 0.8, R 1 → 0.889.
        var best = ThresholdTuning.BestF1(Scored, 0.75);

        Assert.NotNull(best);
        Assert.Equal(0.6, best.Value.Threshold);
        Assert.Equal(new Confusion(4, 1, 4, 2), best.Value.Counts);
        Assert.Equal(0.9, ThresholdTuning.BestF1(Scored, 0.99)!.Value.Threshold);
        Assert.Null(ThresholdTuning.BestF1([(0.2, false)], 0.5));
    }

    private static readonly Gen<(double Score, bool Fraud)[]> Accounts =
        Gen.Select(Gen.Int[0, 20].Select(i => i / 20.0), Gen.Bool).Array[0, 60];

    [Fact]
    public void Lowest_MatchesTryingEveryScore()
    {
        Gen.Select(Accounts, Gen.Int[50, 100].Select(p => p / 100.0)).Sample((accounts, precision) =>
        {
            // Reference: every score that occurs, as a threshold, judged on its own.
            var reaching = accounts.Select(a => a.Score).Distinct()
                .Where(t => Precision(accounts, t) >= precision)
                .Select(t => (double?)t)
                .DefaultIfEmpty(null)
                .Min();
            return ThresholdTuning.Lowest(accounts, precision) == reaching;
        });
    }

    [Fact]
    public void BestF1_MatchesTryingEveryScore()
    {
        Gen.Select(Accounts, Gen.Int[50, 100].Select(p => p / 100.0)).Sample((accounts, precision) =>
        {
            var fraud = accounts.Count(a => a.Fraud);
            var f1s = accounts.Select(a => a.Score).Distinct()
                .Where(t => Precision(accounts, t) >= precision)
                .Select(t =>
                {
                    var tp = accounts.Count(a => a.Fraud && a.Score >= t);
                    var (p, r) = (Precision(accounts, t), fraud == 0 ? 0 : (double)tp / fraud);
                    return p + r == 0 ? 0 : 2 * p * r / (p + r);
                })
                .ToList();
            var best = ThresholdTuning.BestF1(accounts, precision);
            return f1s.Count == 0 ? best is null : best is { } b && Math.Abs(b.Counts.F1 - f1s.Max()) < 1e-12 && Precision(accounts, b.Threshold) >= precision;
        });
    }

    private static double Precision((double Score, bool Fraud)[] accounts, double threshold)
    {
        var flagged = accounts.Where(a => a.Score >= threshold).ToList();
        return flagged.Count == 0 ? 0 : (double)flagged.Count(a => a.Fraud) / flagged.Count;
    }
}
