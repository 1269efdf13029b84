using CsCheck;
using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Cli.Generalisation;

namespace Orleans.Distill.Tests.Simulation;

public sealed class LeaveOneFamilyOutTests
{
    [Fact]
    public void Split_LeavesTheFamilyOutOfTuning_AndMeasuresOnlyItsTestAccounts()
    {
        AccountOutcome[] tuning = [Outcomes.Of("t1", "ring", true, 0.9), Outcomes.Of("t2", "team", false, 0.85), Outcomes.Of("t3", "single", false, 0.1)];
        AccountOutcome[] test = [Outcomes.Of("x1", "ring", true, 0.9), Outcomes.Of("x2", "team", false, 0.85), Outcomes.Of("x3", "team", false, 0.3)];

        var (without, heldOut) = LeaveOneFamilyOut.Split(tuning, test, "team");

        Assert.Equal(["t1", "t3"], without.Select(a => a.Account));
        Assert.Equal(["x2", "x3"], heldOut.Select(a => a.Account));
    }

    [Fact]
    public void Split_IsAPartitionOfTuning_AndTheFamilysShareOfTest()
    {
        var account = Gen.Select(Gen.Int[0, 4], Gen.Bool, Gen.Int[0, 10], (f, fraud, s) => (Family: $"f{f}", Fraud: fraud, Score: s / 10.0));
        Gen.Select(account.Array[0, 30], account.Array[0, 30], Gen.Int[0, 4]).Sample((tuningSpec, testSpec, held) =>
        {
            var tuning = tuningSpec.Select((a, i) => Outcomes.Of($"t{i}", a.Family, a.Fraud, a.Score)).ToList();
            var test = testSpec.Select((a, i) => Outcomes.Of($"x{i}", a.Family, a.Fraud, a.Score)).ToList();
            var family = $"f{held}";

            var (without, heldOut) = LeaveOneFamilyOut.Split(tuning, test, family);

            return without.All(a => a.Family != family)
                && without.Count + tuning.Count(a => a.Family == family) == tuning.Count
                && heldOut.SequenceEqual(test.Where(a => a.Family == family));
        });
    }

    [Fact]
    public void Run_TunesWithoutTheFamily_ThenMeasuresItAtThoseThresholds()
    {
        // An organic team looks like a ring (0.85): tuned with it, the threshold rises above it, to between it and the
        // ring (0.875); tuned without it, the lowest score reaching 0.99 drops to the next ring's (0.6), and the cut to
        // halfway down to the singles (0.4), which flags the team.
        AccountOutcome[] tuning =
        [
            Outcomes.Of("r1", "ring", true, 0.9), Outcomes.Of("r2", "ring", true, 0.9), Outcomes.Of("p1", "proxy", true, 0.6),
            Outcomes.Of("t1", "team", false, 0.85), Outcomes.Of("s1", "single", false, 0.1), Outcomes.Of("s2", "single", false, 0.2),
        ];
        AccountOutcome[] test =
        [
            Outcomes.Of("r3", "ring", true, 0.95), Outcomes.Of("p2", "proxy", true, 0.7), Outcomes.Of("p3", "proxy", true, 0.4),
            Outcomes.Of("t2", "team", false, 0.85), Outcomes.Of("t3", "team", false, 0.65), Outcomes.Of("s3", "single", false, 0.3),
        ];

        var results = LeaveOneFamilyOut.Run(tuning, test, ScoreSource.Final, 0.99, 0.99).ToDictionary(r => r.Family);

        Assert.Equal(["proxy", "ring", "single", "team"], results.Keys.Order(StringComparer.Ordinal));
        var team = results["team"];
        Assert.False(team.Campaign);
        Assert.Equal((0.4, 0.4), (team.ReviewThreshold, team.DenyThreshold));
        Assert.Equal((2, 2, 2), (team.Accounts, team.ReviewFlagged, team.DenyFlagged));
        Assert.Equal((0, 0), (team.InSampleReviewFlagged, team.InSampleDenyFlagged));
        Assert.Equal(1.0, team.ReviewShare);
        // Without the proxies, only 0.9 reaches the target (0.85 takes in the team): the cut, 0.875, is above both test proxies.
        var proxy = results["proxy"];
        Assert.Equal(0.875, proxy.ReviewThreshold!.Value, 12);
        Assert.Equal((2, 0), (proxy.Accounts, proxy.ReviewFlagged));
        Assert.Equal(0, proxy.InSampleReviewFlagged);
    }

    [Fact]
    public void Thresholds_ReadTheChosenScore_FinalOrEvidence()
    {
        // Remembered verdicts keep the final score high; the evidence has gone.
        AccountOutcome[] accounts =
        [
            Outcomes.Of("a", "ring", true, 0.9, evidenceScore: 0.2, evidenceDecision: "allow"),
            Outcomes.Of("b", "single", false, 0.3),
        ];

        // On final scores the ring reaches the target at 0.9, cut halfway down to the customer's 0.3.
        Assert.Equal((0.6, 0.6), LeaveOneFamilyOut.Thresholds(accounts, ScoreSource.Final, 0.99, 0.99));
        Assert.Equal((null, null), LeaveOneFamilyOut.Thresholds(accounts, ScoreSource.Evidence, 0.99, 0.99));
    }
}
