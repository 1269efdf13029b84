using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests.Detection;

public sealed class RememberedVerdictTests
{
    private static readonly DateTime May = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    private static RememberedVerdict Verdict(Decision decision, double score, DateTime flagged, DateTime supported, string group = "c-1") =>
        new(decision, score, flagged, supported, group, [new Reason("shared_instrument_accounts", 30, 2)]);

    [Fact]
    public void Merge_KeepsTheWorseVerdict_TheFirstTimeFlagged_AndTheNewestSupport()
    {
        var first = Verdict(Decision.Deny, 0.85, May, May, "c-ring");
        var later = Verdict(Decision.Review, 0.6, May.AddDays(3), May.AddDays(10), "c-piece");

        var merged = RememberedVerdict.Merge(first, later);

        Assert.Equal((Decision.Deny, 0.85, "c-ring"), (merged.Decision, merged.Score, merged.Group));
        Assert.Equal(May, merged.FirstFlagged);
        Assert.Equal(May.AddDays(10), merged.LastSupported);
        Assert.Equal(merged, RememberedVerdict.Merge(merged, later));
        Assert.Equal(later, RememberedVerdict.Merge(null, later));
    }

    [Fact]
    public void Merge_TakesAHigherScoreOfTheSameDecision()
    {
        var merged = RememberedVerdict.Merge(Verdict(Decision.Deny, 0.85, May, May, "c-a"), Verdict(Decision.Deny, 0.97, May.AddDays(1), May.AddDays(1), "c-b"));
        Assert.Equal((0.97, "c-b", May), (merged.Score, merged.Group, merged.FirstFlagged));
    }

    [Theory]
    [InlineData(179, true)]
    [InlineData(180, true)]
    [InlineData(181, false)]
    public void HeldAt_DecaysAfterTheMemory_CountedFromTheLastSupport(int daysLater, bool held)
    {
        var verdict = Verdict(Decision.Deny, 0.9, May, May.AddDays(5));
        Assert.Equal(held, verdict.HeldAt(May.AddDays(5 + daysLater), TimeSpan.FromDays(180)));
        Assert.False(verdict.HeldAt(May.AddDays(6), TimeSpan.Zero));
    }

    [Fact]
    public void WithRemembered_RaisesTheDecision_ExplainingIt_ButNeverLowersOne()
    {
        var denied = Verdict(Decision.Deny, 0.9, May, May, "c-ring");
        var current = new Assessment(0.02, Decision.Allow, []);

        var raised = AccountAssessment.WithRemembered(current, denied);
        Assert.Equal((Decision.Deny, 0.9), (raised.Decision, raised.Score));
        Assert.Equal(new Reason("remembered", 0.9, 0, "c-ring"), raised.Reasons[0]);

        var worse = new Assessment(0.99, Decision.Deny, []);
        Assert.Same(worse, AccountAssessment.WithRemembered(worse, denied));
        Assert.Same(current, AccountAssessment.WithRemembered(current, null));
    }
}
