using Microsoft.Extensions.Options;
using Orleans.Distill.Accounts;
using Orleans.Distill.Detection;
using Orleans.Distill.Events;
using Orleans.Distill.Retention;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Privacy;

/// <summary>What retention and erasure delete from an account, and what they must leave.</summary>
public sealed class AccountRetentionTests
{
    private static AccountState Account(params DistillEvent[] events)
    {
        var state = new AccountState();
        foreach (var e in events)
        {
            AccountEvents.Apply(state, e);
        }

        return state;
    }

    [Fact]
    public void Prune_DeletesOnlyLinksLastSeenBeforeTheCutoff()
    {
        var state = Account(
            Payment("a", "tok_old", T0),
            Usage("a", T0, ipRange: "203.0.113.0/24"),
            Usage("a", T0.AddDays(100), ipRange: "203.0.113.0/24"),
            Usage("a", T0.AddDays(100), device: "dev_new"));

        var (dropped, _) = AccountRetention.Prune(state, RetentionCutoffs.At(T0.AddDays(120), TimeSpan.FromDays(60), TimeSpan.Zero));

        Assert.Equal(["instrument:tok_old"], dropped);
        // The range was seen at T0 too, but also since: it is as recent as its last sighting.
        Assert.Equal(["device:dev_new", "ip_range:203.0.113.0/24"], state.Links.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Prune_DeletesOldHours_AndTotalsOnlyWhenEveryEventIsOlder()
    {
        var active = Account(Usage("a", T0, requests: 5), Usage("a", T0.AddDays(100), requests: 7));
        var idle = Account(Usage("b", T0, requests: 5));
        var cutoffs = RetentionCutoffs.At(T0.AddDays(120), TimeSpan.Zero, TimeSpan.FromDays(60));

        Assert.True(AccountRetention.Prune(active, cutoffs).UsageDropped);
        Assert.True(AccountRetention.Prune(idle, cutoffs).UsageDropped);

        Assert.Equal(12, active.RequestsByCategory.Sum());
        Assert.Single(active.ActiveHours);
        Assert.Equal(T0, active.FirstActiveAt);
        Assert.Equal(0, idle.RequestsByCategory.Sum());
        Assert.Empty(idle.ActiveHours);
        Assert.Equal(0, idle.ActiveDays);
        // When it first sent traffic goes with the rest of its usage: woken after that, it is as silent as any.
        Assert.Null(idle.FirstActiveAt);
        Assert.False(AccountRetention.Prune(idle, cutoffs).UsageDropped);
    }

    [Fact]
    public void ZeroAges_DeleteNothing()
    {
        var state = Account(Payment("a", "tok", T0), Usage("a", T0, requests: 3));
        var (dropped, usage) = AccountRetention.Prune(state, RetentionCutoffs.At(T0.AddYears(5), TimeSpan.Zero, TimeSpan.Zero));
        Assert.Empty(dropped);
        Assert.False(usage);
        Assert.Equal(3, state.RequestsByCategory.Sum());
    }

    [Fact]
    public void Erase_EmptiesPersonalFields_KeepsEvidence_AndLaterSignupsDoNotBringThemBack()
    {
        var state = Account(
            Signup("a", "203.0.113.0/24", T0) with { Email = "h:0123@example.com", Country = "GB" },
            Payment("a", "tok", T0),
            Label("a", Verdict.Fraud, T0));

        Assert.Equal(["email", "country"], AccountRetention.Erase(state, T0.AddDays(1)));
        AccountEvents.Apply(state, Signup("a", "203.0.113.0/24", T0.AddDays(-1), id: "again") with { Email = "h:0123@example.com", Country = "GB" });

        Assert.Null(state.Email);
        Assert.Null(state.Country);
        Assert.Equal(T0.AddDays(1), state.ErasedAt);
        Assert.Equal(2, state.Links.Count);
        Assert.Equal(Verdict.Fraud, state.Label);
        Assert.Empty(AccountRetention.Erase(state, T0.AddDays(2)));
        Assert.Equal(T0.AddDays(1), state.ErasedAt);
    }

    [Fact]
    public void Cutoffs_AreTakenBehindTheWatermark()
    {
        var cutoffs = RetentionCutoffs.At(T0, TimeSpan.FromDays(10), TimeSpan.FromDays(20));
        Assert.Equal(new RetentionCutoffs(T0.AddDays(-10), T0.AddDays(-20)), cutoffs);
        Assert.Equal(DateTime.MinValue, RetentionCutoffs.At(DateTime.MinValue.AddDays(1), TimeSpan.FromDays(10), TimeSpan.Zero).LinksBefore);
    }

    [Theory]
    [InlineData("10.00:00:00", "30.00:00:00", "Distill:Retention:Links")]
    [InlineData("-1.00:00:00", "30.00:00:00", "Distill:Retention:Links must not be negative")]
    public void Validator_RefusesRetentionThatCutsEvidence(string links, string window, string expected)
    {
        var validator = new RetentionOptionsValidator(Options.Create(new DetectionOptions { Window = TimeSpan.Parse(window) }));
        var result = validator.Validate(null, new RetentionOptions { Links = TimeSpan.Parse(links) });
        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void Validator_AcceptsTheDefaults_AndAnyRetentionWhenEveryLinkIsKept()
    {
        Assert.True(new RetentionOptionsValidator(Options.Create(new DetectionOptions())).Validate(null, new RetentionOptions()).Succeeded);
        Assert.True(new RetentionOptionsValidator(Options.Create(new DetectionOptions { Window = TimeSpan.Zero }))
            .Validate(null, new RetentionOptions { Links = TimeSpan.FromDays(1) }).Succeeded);
    }
}
