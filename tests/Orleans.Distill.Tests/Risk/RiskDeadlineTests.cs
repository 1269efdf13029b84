using System.Diagnostics;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests.Risk;

/// <summary>
/// Risk checks while part of the graph cannot be read (a grain call that never answers, or fails as when its silo
/// died), in a real cluster: they answer within the deadline from what they could read, say they are degraded and
/// how many lookups they left out, and decide as <c>Distill:Risk:Degraded</c> says.
/// </summary>
[Collection(RiskDeadlineCollection.Name)]
public sealed class RiskDeadlineTests(RiskDeadlineFixture fixture) : IDisposable
{
    /// <summary>
    /// Shorter than any wait for a held read, long enough that the reads not held (a fraction of a millisecond
    /// each) make it, so what is left out is exactly what a test holds. With the rest of the suite running beside
    /// them on two cores, the reads not held once missed 200 ms, then 1 s; running alone
    /// (<see cref="RiskDeadlineCollection"/>), once 2 s, late in a suite whose process had run for ten minutes.
    /// </summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>Three times the deadline, and half of how long a held read waits before it fails.</summary>
    private static readonly TimeSpan Generous = StuckCalls.MaxHold / 2;

    private static readonly SignupCheck RingSignup = RiskDeadlineFixture.RingSignup;

    private IGrainFactory Client => fixture.Cluster.Client;

    public void Dispose() => fixture.Stuck.ReleaseAll();

    [Fact]
    public async Task SignupCheck_WithNothingStuck_IsWhole_AndDecidesAsBefore()
    {
        foreach (var mode in new[] { RiskOptions.Open, RiskOptions.Closed })
        {
            var risk = Risk(mode, RiskOptionsValidator.MaxDeadline);
            var answer = await risk.CheckSignupAsync(RingSignup, risk.StartDeadline());
            Assert.False(answer.Degraded);
            Assert.Equal(0, answer.Unread);
            Assert.Equal(Decision.Deny, answer.Assessment.Decision);
            Assert.Equal(fixture.Root, answer.Component);
            Assert.Equal(21, answer.Assessment.Reasons.Single(r => r.Feature == FeatureNames.SharedInstrumentAccounts).Value);
            Assert.DoesNotContain(answer.Assessment.Reasons, r => r.Feature == FeatureNames.Degraded);

            var stranger = await risk.CheckSignupAsync(new SignupCheck([NodeKey.Entity(EntityKind.Instrument, "rd-nobody-has-it")]), risk.StartDeadline());
            Assert.False(stranger.Degraded);
            Assert.Equal(Decision.Allow, stranger.Assessment.Decision);
        }
    }

    [Fact]
    public async Task AccountCheck_WithNothingStuck_IsWhole_AndAnswersAsTheAccountView()
    {
        var risk = Risk(RiskOptions.Closed, RiskOptionsValidator.MaxDeadline);
        var answer = (await risk.CheckAccountAsync("rd-ring3", risk.StartDeadline()))!;
        var view = (await TestGraph.Queries(Client, RiskDeadlineFixture.Configuration()).GetAccountAsync("rd-ring3"))!;

        Assert.False(answer.Degraded);
        Assert.Equal(view.Component, answer.Component);
        Assert.Equal(Decision.Deny, answer.Assessment.Decision);
        Assert.Equal(view.Assessment.Score, answer.Assessment.Score);
        Assert.Equal(view.Assessment.Reasons, answer.Assessment.Reasons);
        Assert.Null(await risk.CheckAccountAsync("rd-never-seen", risk.StartDeadline()));
    }

    [Fact]
    public async Task SignupCheck_WhileTheCardCannotBeRead_AnswersInTime_FromTheRangesComponent()
    {
        var answer = await InTimeAsync(
            () => fixture.Stuck.Hold(Entity(RiskDeadlineFixture.Card, EntityKind.Instrument), nameof(IEntityGrain.GetInfo)),
            async risk => await risk.CheckSignupAsync(RingSignup, risk.StartDeadline()), RiskOptions.Open);

        Assert.True(answer.Degraded);
        Assert.Equal(1, answer.Unread);
        // The range leads to the ring all the same.
        Assert.Equal(fixture.Root, answer.Component);
        Assert.Equal(Decision.Deny, answer.Assessment.Decision);
    }

    [Theory]
    [InlineData(RiskOptions.Open, Decision.Allow)]
    [InlineData(RiskOptions.Closed, Decision.Review)]
    public async Task SignupCheck_WhileTheRingsComponentCannotBeRead_DecidesAsConfigured(string mode, Decision expected)
    {
        var answer = await InTimeAsync(
            () => fixture.Stuck.Hold(Client.GetGrain<IComponentGrain>(fixture.Root), nameof(IComponentGrain.GetSummary)),
            async risk => await risk.CheckSignupAsync(RingSignup, risk.StartDeadline()), mode);

        // Both identifiers were read and lead to the ring, whose features were not: what is left is a new
        // account sharing a card with 20 others and a range with 40.
        Assert.True(answer.Degraded);
        Assert.Equal(1, answer.Unread);
        Assert.Equal(fixture.Root, answer.Component);
        Assert.Equal(expected, answer.Assessment.Decision);
        Assert.Equal(21, answer.Assessment.Reasons.Single(r => r.Feature == FeatureNames.SharedInstrumentAccounts).Value);
        AssertDegradedReason(answer, mode);
    }

    [Fact]
    public async Task SignupCheck_WhenTheCardsSiloHasDied_LeavesTheCardOut()
    {
        var risk = Risk(RiskOptions.Open, Deadline);
        await KnowTheWatermarkAsync(risk);
        fixture.Stuck.Fail(Entity(RiskDeadlineFixture.Card, EntityKind.Instrument), nameof(IEntityGrain.GetInfo));

        var answer = await risk.CheckSignupAsync(RingSignup, risk.StartDeadline());

        Assert.True(answer.Degraded);
        Assert.Equal(1, answer.Unread);
        Assert.Equal(Decision.Deny, answer.Assessment.Decision);
    }

    [Theory]
    [InlineData(RiskOptions.Open, Decision.Allow)]
    [InlineData(RiskOptions.Closed, Decision.Review)]
    public async Task SignupCheck_WhileTheWatermarkCannotBeRead_ReadsNoEntity_UnlessOneIsKnown(string mode, Decision expected)
    {
        var knowing = Risk(mode, RiskOptionsValidator.MaxDeadline);
        Assert.False((await knowing.CheckSignupAsync(RingSignup, knowing.StartDeadline())).Degraded);

        // A process that has not read the watermark yet cannot know which links are in the window.
        var answer = await InTimeAsync(
            () => fixture.Stuck.Hold(Client.GetGrain<IWatermarkGrain>(0), nameof(IWatermarkGrain.Get)),
            async risk => await risk.CheckSignupAsync(RingSignup, risk.StartDeadline()), mode, knowsWatermark: false);
        Assert.True(answer.Degraded);
        Assert.Equal(RingSignup.Entities.Count, answer.Unread);
        Assert.Null(answer.Component);
        Assert.Equal(expected, answer.Assessment.Decision);
        AssertDegradedReason(answer, mode);

        // One that has reads the entities at the watermark it knows, without waiting for the grain: all of them,
        // within the longest deadline, which ends long before the held read would fail.
        var clock = Stopwatch.StartNew();
        var known = await knowing.CheckSignupAsync(RingSignup, ReadDeadline.Start(RiskOptionsValidator.MaxDeadline, TimeProvider.System));
        Assert.True(clock.Elapsed < Generous, $"answered after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.False(known.Degraded);
        Assert.Equal(Decision.Deny, known.Assessment.Decision);
        Assert.Equal(fixture.Root, known.Component);
    }

    [Theory]
    [InlineData(RiskOptions.Open, Decision.Allow)]
    [InlineData(RiskOptions.Closed, Decision.Review)]
    public async Task AccountCheck_WhileItsComponentCannotBeRead_DecidesAsConfigured(string mode, Decision expected)
    {
        var answer = await InTimeAsync(
            () => fixture.Stuck.Hold(Client.GetGrain<IComponentGrain>(fixture.Root), nameof(IComponentGrain.GetSummary)),
            risk => risk.CheckAccountAsync("rd-ring7", risk.StartDeadline()), mode);

        Assert.True(answer.Degraded);
        Assert.Equal(1, answer.Unread);
        Assert.Equal(fixture.Root, answer.Component);
        Assert.Equal(expected, answer.Assessment.Decision);
        AssertDegradedReason(answer, mode);
    }

    [Theory]
    [InlineData(RiskOptions.Open, Decision.Allow)]
    [InlineData(RiskOptions.Closed, Decision.Review)]
    public async Task AccountCheck_WhileTheAccountCannotBeRead_AnswersInTime_KnowingNothing(string mode, Decision expected)
    {
        var answer = await InTimeAsync(
            () => fixture.Stuck.Hold(Client.GetGrain<IAccountGrain>("rd-ring9"), nameof(IAccountGrain.Get)),
            risk => risk.CheckAccountAsync("rd-ring9", risk.StartDeadline()), mode);

        Assert.True(answer.Degraded);
        Assert.Equal(1, answer.Unread);
        Assert.Null(answer.Component);
        Assert.Equal(expected, answer.Assessment.Decision);
    }

    /// <summary>
    /// Runs a check with the test deadline while a read is held, and asserts it answered within a generous margin
    /// of the deadline, while the read was still held. Unless told otherwise, the checking process has read the
    /// watermark before the read is held, as one serving traffic has: a process that has not waits for the
    /// watermark grain before it reads any entity, and on a busy machine that wait alone once used up the
    /// deadline, so that the held read was never even asked for.
    /// </summary>
    private async Task<RiskView> InTimeAsync(Action hold, Func<RiskQueries, Task<RiskView?>> check, string mode, bool knowsWatermark = true)
    {
        var risk = Risk(mode, Deadline);
        if (knowsWatermark)
        {
            await KnowTheWatermarkAsync(risk);
        }

        hold();
        var clock = Stopwatch.StartNew();
        var answer = await check(risk);
        var elapsed = clock.Elapsed;

        Assert.True(elapsed < Generous, $"answered after {elapsed.TotalMilliseconds:F0} ms with a deadline of {Deadline.TotalMilliseconds} ms");
        Assert.True(fixture.Stuck.Waiting > 0, "the answer came after the stuck read was let go");
        return Assert.IsType<RiskView>(answer);
    }

    /// <summary>A whole check, with nothing held, leaves the process knowing the watermark.</summary>
    private static async Task KnowTheWatermarkAsync(RiskQueries risk) =>
        Assert.False((await risk.CheckSignupAsync(RingSignup, ReadDeadline.Start(RiskOptionsValidator.MaxDeadline, TimeProvider.System))).Degraded);

    /// <summary>Closed, the review is explained by a reason counting what was left out, first; open, nothing is added.</summary>
    private static void AssertDegradedReason(RiskView answer, string mode)
    {
        if (mode == RiskOptions.Closed)
        {
            var reason = answer.Assessment.Reasons[0];
            Assert.Equal(FeatureNames.Degraded, reason.Feature);
            Assert.Equal(answer.Unread, reason.Value);
        }
        else
        {
            Assert.DoesNotContain(answer.Assessment.Reasons, r => r.Feature == FeatureNames.Degraded);
        }
    }

    private RiskQueries Risk(string mode, TimeSpan deadline) => TestGraph.Risk(Client, RiskDeadlineFixture.Configuration(new Dictionary<string, string?>
    {
        ["Distill:Risk:Deadline"] = deadline.ToString(),
        ["Distill:Risk:Degraded"] = mode,
    }));

    private IEntityGrain Entity(string value, EntityKind kind) => Client.GetGrain<IEntityGrain>(NodeKey.Entity(kind, value));
}
