using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests.Detection;

/// <summary>
/// Whether a group's accounts rest as people do or run every day as a script does (<c>daily_presence</c>), and where
/// that counts: not for a customer-sized group in one place of its own, which runs its pipeline every day too.
/// </summary>
public sealed class DailyPresenceTests
{
    private const int Day0 = 740_000;

    private readonly RiskScorer _scorer = new(new ScoringOptions());

    [Fact]
    public void InnerDays_LeaveOutEachAccountsFirstAndLatestDay_CapItsDaysAtItsSpan_AndAddUpInAMerge()
    {
        var group = new GroupFeatures();
        group.AddAccount(Profile("seven-of-ten", first: 0, last: 9, activeDays: 7), linksHub: false);
        group.AddAccount(Profile("two-days", first: 0, last: 1, activeDays: 2), linksHub: false);
        // Days counted before its first traffic was kept: active on every inner day, no more.
        group.AddAccount(Profile("older-than-its-record", first: 0, last: 4, activeDays: 40), linksHub: false);
        group.AddAccount(Profile("not-recorded", first: null, last: null, activeDays: 12), linksHub: false);

        Assert.Equal(8 + 3, group.InnerDays);
        Assert.Equal(5 + 3, group.InnerActiveDays);

        var other = new GroupFeatures();
        other.AddAccount(Profile("every-day", first: 0, last: 5, activeDays: 6), linksHub: false);
        group.Merge(other);
        Assert.Equal(8 + 3 + 4, group.InnerDays);
        Assert.Equal(5 + 3 + 4, group.InnerActiveDays);
    }

    [Fact]
    public void AccountsThatRunEveryDay_ReadAsNeverResting_AsTheirDaysGrow_WhileDevelopersWhoTakeWeekendsOffDoNot()
    {
        var pipelines = Group(20, days: 30, restEvery: 0);
        var developers = Group(20, days: 30, restEvery: 7, restDays: 2);
        // Three accounts on their third day, active on all three: too few days to say.
        var young = Group(3, days: 3, restEvery: 0);

        Assert.Equal(20.0 * 28 / ((20 * 28) + new ScoringOptions().PresencePriorDays), _scorer.DailyPresence(pipelines), 9);
        Assert.InRange(_scorer.DailyPresence(developers), 0.65, 0.75);
        Assert.True(_scorer.DailyPresence(young) < 0.3, $"young {_scorer.DailyPresence(young):F3}");

        var presence = Assert.Single(_scorer.Score(pipelines).Reasons, r => r.Feature == FeatureNames.DailyPresence);
        Assert.Equal(new ScoringOptions().Features[FeatureNames.DailyPresence].Weight, presence.Weight, 6);
        Assert.DoesNotContain(_scorer.Score(developers).Reasons, r => r.Feature == FeatureNames.DailyPresence);
        Assert.DoesNotContain(_scorer.Score(young).Reasons, r => r.Feature == FeatureNames.DailyPresence);
    }

    [Fact]
    public void ATeamRunningItsPipelineEveryDayFromItsOffice_IsNotReadAsAScriptForIt_WhileAccountsEachInAPlaceOfTheirOwnAre()
    {
        GroupFeatures Four(bool oneOffice)
        {
            var group = Group(4, days: 30, restEvery: 0);
            group.SharedMax[GroupFeatures.KindIndex(EntityKind.IpRange)] = oneOffice ? 4 : 1;
            group.Entities[GroupFeatures.KindIndex(EntityKind.IpRange)] = oneOffice ? 1 : 4;
            return group;
        }

        Assert.DoesNotContain(_scorer.Score(Four(oneOffice: true)).Reasons, r => r.Feature == FeatureNames.DailyPresence);
        Assert.Contains(_scorer.Score(Four(oneOffice: false)).Reasons, r => r.Feature == FeatureNames.DailyPresence);

        // More accounts than a customer in one place: the place is no excuse.
        var farm = Group(12, days: 30, restEvery: 0);
        farm.SharedMax[GroupFeatures.KindIndex(EntityKind.IpRange)] = 12;
        Assert.Contains(_scorer.Score(farm).Reasons, r => r.Feature == FeatureNames.DailyPresence);
    }

    [Fact]
    public void ACardGroupOfADripThatVariesItsDaysAsDevelopersDo_IsFlaggedForRunningEveryDay_AndATeamOnItsCardIsNot()
    {
        // Twelve accounts on one card, one a day over twelve days, each then at 600 requests a day times a day factor
        // as widely spread as developers' (a lognormal of sigma 0.5), all capability traffic, from a range the rest of
        // the ring uses too: measured on day 30. The team: twelve developers at rates of their own, on the same card
        // shape and days, resting two days in seven.
        var drip = Card(i => 600, restEvery: 0);
        var team = Card(i => DeveloperDays.Rates[i], restEvery: 7);
        var withoutPresence = new ScoringOptions();
        withoutPresence.Features.Remove(FeatureNames.DailyPresence);

        Assert.True(_scorer.Score(drip).Decision >= Decision.Review, $"drip {_scorer.Score(drip).Score}");
        Assert.Equal(Decision.Allow, new RiskScorer(withoutPresence).Score(drip).Decision);
        Assert.Equal(Decision.Allow, _scorer.Score(team).Decision);
    }

    [Fact]
    public void AGroupWithoutDaysEnoughOnRecord_IsJudgedOnTheRestOfItsBehaviour()
    {
        // Features stored before the days were kept, and a ring on its third day: what judges a hub or a template one
        // operator's is the share of what behaviour can add, and presence that cannot count yet takes no part in it.
        var stored = Group(20, days: 30, restEvery: 0, recorded: false);
        var young = Group(20, days: 3, restEvery: 0);
        var grown = Group(20, days: 4, restEvery: 0);

        Assert.Equal(0, stored.InnerDays);
        Assert.DoesNotContain(_scorer.Behaviour(stored), b => b.Name == FeatureNames.DailyPresence);
        // Twenty inner days, all active, read as 20 / 30: below where the feature starts.
        Assert.Equal(20, young.InnerActiveDays);
        Assert.DoesNotContain(_scorer.Behaviour(young), b => b.Name == FeatureNames.DailyPresence);
        // Forty, as 40 / 50: where it starts.
        Assert.Equal(40, grown.InnerActiveDays);
        Assert.Contains(_scorer.Behaviour(grown), b => b.Name == FeatureNames.DailyPresence);
    }

    /// <summary>
    /// Twelve accounts on one card joining one a day, active from their signup to day 29 but for
    /// <paramref name="restEvery"/>'s two days off, in a place twenty-four accounts of the component share.
    /// </summary>
    private static GroupFeatures Card(Func<int, long> rate, int restEvery)
    {
        var group = new GroupFeatures();
        for (var i = 0; i < 12; i++)
        {
            var days = Enumerable.Range(i, 30 - i).Where(d => !Rests(d, restEvery, 2) || d == i || d == 29).ToList();
            var requests = days.Select(d => (long)(rate(i) * DeveloperDays.Spread[((d * 7) + i) % DeveloperDays.Spread.Length])).ToList();
            group.AddAccount(new AccountProfile
            {
                Account = $"a{i}",
                Component = "c-0000000000000001",
                Links = [],
                SignupDay = Day0 + i,
                Requests = [requests.Sum(), 0, 0, 0, 0],
                ActiveHours = [],
                ActiveDays = days.Count,
                DayRequestsSquared = requests.Sum(r => (double)r * r),
                DayRequestsCubed = requests.Sum(r => (double)r * r * r),
                FirstActiveDay = Day0 + days[0],
                LastActiveDay = Day0 + days[^1],
            }, linksHub: false);
        }

        group.SharedMax[GroupFeatures.KindIndex(EntityKind.Instrument)] = 12;
        group.Entities[GroupFeatures.KindIndex(EntityKind.Instrument)] = 1;
        group.SharedMax[GroupFeatures.KindIndex(EntityKind.IpRange)] = 12;
        group.Entities[GroupFeatures.KindIndex(EntityKind.IpRange)] = 1;
        group.PlaceAccounts = 24;
        return group;
    }

    /// <summary><paramref name="accounts"/> accounts active from day 0 to the last of <paramref name="days"/> but for <paramref name="restDays"/> in every <paramref name="restEvery"/>.</summary>
    private static GroupFeatures Group(int accounts, int days, int restEvery, int restDays = 0, bool recorded = true)
    {
        var group = new GroupFeatures();
        for (var i = 0; i < accounts; i++)
        {
            // Each account's week starts on a day of its own; its first and latest days are days of traffic.
            var active = Enumerable.Range(0, days).Count(d => d == 0 || d == days - 1 || !Rests(d + i, restEvery, restDays));
            group.AddAccount(new AccountProfile
            {
                Account = $"a{i}",
                Component = "c-0000000000000001",
                Links = [],
                SignupDay = Day0,
                Requests = [400L * active, 0, 0, 0, 0],
                ActiveHours = [],
                ActiveDays = active,
                FirstActiveDay = recorded ? Day0 : null,
                LastActiveDay = recorded ? Day0 + days - 1 : null,
            }, linksHub: false);
        }

        return group;
    }

    private static bool Rests(int day, int every, int days) => every > 0 && day % every >= every - days;

    private static AccountProfile Profile(string id, int? first, int? last, int activeDays) => new()
    {
        Account = id,
        Component = "c-0000000000000001",
        Links = [],
        Requests = [100L * activeDays, 0, 0, 0, 0],
        ActiveHours = [],
        ActiveDays = activeDays,
        FirstActiveDay = first is { } f ? Day0 + f : null,
        LastActiveDay = last is { } l ? Day0 + l : null,
    };
}
