using CsCheck;
using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Keys;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>The lifetime rules of <see cref="HubRules"/> against the rules as stated, with the default lifetimes.</summary>
public sealed class LinkLifetimeRulesTests
{
    private static readonly HubRules Rules = new(new DetectionOptions
    {
        Lifetimes = new() { ["instrument"] = new() { WhileActive = true }, ["device"] = new() { WhileActive = true }, ["ip_range"] = new() { Window = TimeSpan.FromDays(7) } },
    });

    private static readonly string Card = NodeKey.Entity(EntityKind.Instrument, "card");
    private static readonly string Range = NodeKey.Entity(EntityKind.IpRange, "192.0.2.0/24");
    private static readonly string Template = NodeKey.Entity(EntityKind.Template, "tpl");

    [Fact]
    public void ACardSeenOnceAtSignup_StaysEvidence_WhileItsAccountIsActive()
    {
        var link = LinkRecord.At(T0);
        Assert.True(Rules.IsEvidence(Card, link, accountLastSeen: T0.AddDays(60), watermark: T0.AddDays(60)));
        Assert.False(Rules.IsEvidence(Card, link, accountLastSeen: T0.AddDays(20), watermark: T0.AddDays(60)));
        Assert.Equal(T0.AddDays(90), Rules.ExpiresAt(Card, link, T0.AddDays(60)));
    }

    [Fact]
    public void ARangeAndATemplate_CountFromTheirOwnLastSighting_InTheirKindsWindow()
    {
        var link = LinkRecord.At(T0);
        // The range's own 7 days, the template the default 30, however active the account.
        Assert.False(Rules.IsEvidence(Range, link, accountLastSeen: T0.AddDays(8), watermark: T0.AddDays(8)));
        Assert.True(Rules.IsEvidence(Range, link, accountLastSeen: T0.AddDays(7), watermark: T0.AddDays(7)));
        Assert.True(Rules.IsEvidence(Template, link, accountLastSeen: T0.AddDays(29), watermark: T0.AddDays(29)));
        Assert.False(Rules.IsEvidence(Template, link, accountLastSeen: T0.AddDays(31), watermark: T0.AddDays(31)));
        Assert.Equal(T0.AddDays(7), Rules.ExpiresAt(Range, link, T0.AddDays(100)));
    }

    [Fact]
    public void AWhileActiveKind_CountsEveryLinkTowardItsHubThreshold_AndIsAHubUntilNoTime()
    {
        var old = LinkRecord.At(T0);
        Assert.True(Rules.Counts(Card, old, T0.AddDays(400)));
        Assert.False(Rules.Counts(Range, old, T0.AddDays(8)));
        var links = Enumerable.Range(0, 60).Select(i => LinkRecord.At(T0.AddHours(i))).ToList();
        Assert.True(Rules.IsHubByCount(Card, links, T0.AddDays(400)));
        Assert.Null(Rules.HubUntil(Card, links));
    }

    [Fact]
    public void AnAccount_Resumes_OnlyWhenItsLastEventLayBeforeAWhileActiveKindsHorizon()
    {
        Assert.True(Rules.Resumes(previousLastSeen: T0, watermark: T0.AddDays(31)));
        Assert.False(Rules.Resumes(previousLastSeen: T0, watermark: T0.AddDays(29)));
    }

    [Fact]
    public void IsEvidence_MatchesTheStatedRule()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2_000], Gen.Int[0, 2_000], Gen.Int[0, 2_000]).Sample((kind, seen, active, now) =>
        {
            var key = new[] { Card, Range, Template, NodeKey.Entity(EntityKind.Device, "d") }[kind];
            var link = LinkRecord.At(T0.AddHours(seen));
            var accountLastSeen = T0.AddHours(Math.Max(seen, active));
            var watermark = T0.AddHours(Math.Max(now, Math.Max(seen, active)));
            var whileActive = kind is 0 or 3;
            var window = kind == 1 ? TimeSpan.FromDays(7) : TimeSpan.FromDays(30);
            var from = whileActive ? accountLastSeen : link.LastSeen;
            return Rules.IsEvidence(key, link, accountLastSeen, watermark) == (watermark - from <= window);
        });
    }

    [Fact]
    public void AccountsInWindow_CountsTheLinksTheRuleCounts()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2_000].List[0, 80], Gen.Int[0, 2_000]).Sample((kind, seen, now) =>
        {
            var key = new[] { Card, Range, Template, NodeKey.Entity(EntityKind.Device, "d") }[kind];
            var links = seen.Select(h => LinkRecord.At(T0.AddHours(h))).ToList();
            var watermark = T0.AddHours(now);
            var window = kind == 1 ? TimeSpan.FromDays(7) : TimeSpan.FromDays(30);
            var expected = kind is 0 or 3 ? links.Count : links.Count(l => watermark - l.LastSeen <= window);
            return Rules.AccountsInWindow(key, links, watermark) == expected
                && expected == links.Count(l => Rules.Counts(key, l, watermark));
        });
    }
}
