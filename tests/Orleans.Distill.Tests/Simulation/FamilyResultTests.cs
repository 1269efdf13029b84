using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Tests.Simulation;

public sealed class FamilyResultTests
{
    private static readonly FirstFlag Early = new(1, 0.1, 0.02, 0.05);

    [Fact]
    public void Of_CountsEachFamily_KeepingRememberedOnlyFlagsApartFromEvidence()
    {
        AccountOutcome[] outcomes =
        [
            Outcomes.Of("r1", "ring", true, 0.9, component: "c1", first: Early),
            // Remembered: the host still answers review, its evidence alone says allow.
            Outcomes.Of("r2", "ring", true, 0.6, evidenceScore: 0.1, evidenceDecision: "allow", component: "c1", first: Early),
            Outcomes.Of("r3", "ring", true, 0.1, component: "c2"),
            // Flagged beside the ring, in its component: what flagging the ring takes down with it.
            Outcomes.Of("s1", "single", false, 0.6, component: "c1", first: Early),
            Outcomes.Of("s2", "single", false, 0.1, component: "c3"),
            Outcomes.Of("s3", "single", false, 0.85, evidenceScore: 0.3, evidenceDecision: "allow", component: "c5"),
            Outcomes.Of("p1", "proxy", true, 0.2, component: "c6"),
        ];
        var timing = new Dictionary<string, CampaignResult> { ["ring"] = new(3, 2, new(0.02, 0.05), new(0.3, 0.4)) };

        var families = FamilyResult.Of(outcomes, timing);

        Assert.Equal(["proxy", "ring", "single"], families.Keys);
        var ring = families["ring"];
        Assert.True(ring.Campaign);
        Assert.Equal((3, 2, 1, 1, 1, 2), (ring.Accounts, ring.Flagged, ring.Denied, ring.EvidenceFlagged, ring.RememberedOnly, ring.EverFlagged));
        Assert.Equal(2.0 / 3, ring.Recall);
        Assert.Equal(2.0 / 3, ring.Precision);
        Assert.Equal(1.0 / 3, ring.StillFlaggedByEvidence);
        Assert.Null(ring.FalsePositives);
        Assert.Equal(new TimeToDetect(0.02, 0.05), ring.FirstFlagged);
        Assert.Equal(new TimeToDetect(0.3, 0.4), ring.HalfFlagged);

        var single = families["single"];
        Assert.False(single.Campaign);
        Assert.Equal((3, 2, 1, 1, 1), (single.Accounts, single.Flagged, single.Denied, single.EvidenceFlagged, single.RememberedOnly));
        Assert.Equal(2, single.FalsePositives);
        Assert.Equal(2.0 / 3, single.FalsePositiveRate);
        Assert.Null(single.Recall);
        Assert.Null(single.Precision);
        Assert.Null(single.FirstFlagged);

        var proxy = families["proxy"];
        Assert.Equal((0.0, 0.0), (proxy.Recall, proxy.StillFlaggedByEvidence));
        Assert.Null(proxy.Precision);
    }
}
