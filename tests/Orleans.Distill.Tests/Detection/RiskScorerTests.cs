using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests.Detection;

public sealed class RiskScorerTests
{
    private readonly RiskScorer _scorer = new(new ScoringOptions());

    [Fact]
    public void Evenness_OfASteadyDrip_IsHigh_WhateverTheAccountsAges()
    {
        // One account signs up every day and each then runs 400 requests a day: totals differ forty-fold.
        var drip = Group(Enumerable.Range(1, 40).Select(days => (Requests: 400L * days, ActiveDays: days)));

        Assert.True(_scorer.Evenness(drip) > 0.95, $"evenness {_scorer.Evenness(drip):F3}");
    }

    [Fact]
    public void Evenness_OfPeople_IsLow()
    {
        var people = Group([(5 * 3, 3), (40 * 10, 10), (300 * 2, 2), (12 * 20, 20), (90 * 5, 5), (150 * 8, 8)]);

        Assert.True(_scorer.Evenness(people) < 0.3, $"evenness {_scorer.Evenness(people):F3}");
    }

    [Fact]
    public void Evenness_LeavesOutAccountsWithoutTraffic_AndSurvivesAMerge()
    {
        var active = Group(Enumerable.Range(0, 10).Select(_ => (Requests: 4_000L, ActiveDays: 10)));
        var merged = Group(Enumerable.Range(0, 10).Select(_ => (Requests: 0L, ActiveDays: 0)));
        merged.Merge(active);

        Assert.Equal(20, merged.Accounts);
        Assert.Equal(10, merged.TrafficAccounts);
        Assert.Equal(_scorer.Evenness(active), _scorer.Evenness(merged), 9);
        Assert.True(_scorer.Evenness(merged) > 0.99);
    }

    [Fact]
    public void Evenness_OfDevelopersWithLikeAverages_IsLow_WhenTheirDaysDiffer()
    {
        // Three developers averaging 400 a day over ten days each: alike on average, but one day 100, the next 700.
        var days = new long[] { 100, 700, 250, 550, 400, 150, 650, 300, 500, 400 };
        var developers = new GroupFeatures();
        var puppets = new GroupFeatures();
        for (var i = 0; i < 3; i++)
        {
            developers.AddAccount(Profile($"dev{i}", days), linksHub: false);
            puppets.AddAccount(Profile($"puppet{i}", [.. days.Select(_ => 400L)]), linksHub: false);
        }

        Assert.True(_scorer.Evenness(puppets) > 0.99, $"puppets {_scorer.Evenness(puppets):F3}");
        Assert.True(_scorer.Evenness(developers) < 0.6, $"developers {_scorer.Evenness(developers):F3}");
    }

    [Fact]
    public void Evenness_OverAFewAccountDays_CountsInPart()
    {
        // Three accounts alike on their first day: as alike as they will ever be, but over three account-days.
        var firstDay = Group(Enumerable.Range(0, 3).Select(_ => (Requests: 400L, ActiveDays: 1)));
        var tenthDay = Group(Enumerable.Range(0, 3).Select(_ => (Requests: 4_000L, ActiveDays: 10)));

        Assert.Equal(3.0 / new ScoringOptions().EvennessMinAccountDays, _scorer.Evenness(firstDay), 6);
        Assert.Equal(1.0, _scorer.Evenness(tenthDay), 6);
    }

    [Fact]
    public void CapabilityShare_CountsAsFarAsTheTrafficIsUniform()
    {
        // Ten developers and ten puppets, all sending nothing but coding traffic: the developers each in amounts of their own.
        var developers = Group([(50 * 3, 3), (400 * 10, 10), (300 * 2, 2), (120 * 20, 20), (90 * 5, 5), (600 * 8, 8), (70 * 4, 4), (250 * 6, 6), (800 * 9, 9), (150 * 7, 7)]);
        var puppets = Group(Enumerable.Range(0, 10).Select(_ => (Requests: 4_000L, ActiveDays: 10)));

        Assert.Equal(1.0, RiskScorer.CapabilityShare(developers));
        Assert.Equal(1.0, RiskScorer.CapabilityShare(puppets));
        Assert.DoesNotContain(_scorer.Score(developers).Reasons, r => r.Feature == FeatureNames.CapabilityShare);
        var share = Assert.Single(_scorer.Score(puppets).Reasons, r => r.Feature == FeatureNames.CapabilityShare);
        Assert.Equal(new ScoringOptions().Features[FeatureNames.CapabilityShare].Weight, share.Weight, 6);
    }

    [Fact]
    public void ATeamJustOnboardedOnOneCard_IsAllowed_WhenEachDeveloperRunsAtRatesOfTheirOwn_AndAFarmShapedSoIsNot()
    {
        // Twenty developers signed up over two days on the company's card and template, ten days of traffic each:
        // what a farm shares, without its uniform traffic.
        var jitter = new[] { 0.4, 1.7, 0.9, 1.3, 0.6, 1.5, 1.0, 0.7, 1.2, 0.8 };
        GroupFeatures Onboarded(Func<int, int, long> requests)
        {
            var group = new GroupFeatures();
            for (var i = 0; i < DeveloperDays.Rates.Length; i++)
            {
                group.AddAccount(Profile($"dev{i}", [.. jitter.Select((_, day) => requests(i, day))]), linksHub: false);
            }

            group.SignupDays[100] = 12;
            group.SignupDays[101] = 8;
            group.SharedMax[GroupFeatures.KindIndex(EntityKind.Instrument)] = 20;
            group.SharedMax[GroupFeatures.KindIndex(EntityKind.Template)] = 20;
            return group;
        }

        var team = Onboarded((i, day) => (long)(DeveloperDays.Rates[i] * jitter[day]));
        var farm = Onboarded((_, _) => 400);

        var teamScore = _scorer.Score(team);
        Assert.Equal(Decision.Allow, teamScore.Decision);
        var uneven = Assert.Single(teamScore.Reasons, r => r.Feature == FeatureNames.UnevenTraffic);
        Assert.True(uneven.Weight < 0, $"uneven traffic weighs {uneven.Weight}");
        Assert.Equal(Decision.Deny, _scorer.Score(farm).Decision);
        Assert.DoesNotContain(_scorer.Score(farm).Reasons, r => r.Feature == FeatureNames.UnevenTraffic);
    }

    [Fact]
    public void ARingThatVariesItsDaysAsDevelopersDo_IsStillDenied_AndTheTeamStillAllowed()
    {
        // The same twenty accounts on one card and template, signed up over two days, thirty days of traffic each,
        // every account's days spread as widely as the developers' (a lognormal factor of sigma 0.5): the team at
        // rates of their own, the ring each at 950 to 1,000 a day, its days shuffled from one account to the next.
        GroupFeatures Group(Func<int, long> rate)
        {
            var group = DaysSpread(DeveloperDays.Rates.Length, DeveloperDays.Spread.Length, rate);
            group.SignupDays[100] = 12;
            group.SignupDays[101] = 8;
            group.SharedMax[GroupFeatures.KindIndex(EntityKind.Instrument)] = 20;
            group.SharedMax[GroupFeatures.KindIndex(EntityKind.Template)] = 20;
            return group;
        }

        var team = Group(i => DeveloperDays.Rates[i]);
        var ring = Group(i => 950 + (i * 50 / DeveloperDays.Rates.Length));

        // Day by day the two are as uneven; account by account only the team is.
        Assert.True(RiskScorer.VolumeEvenness(ring) < 0.6, $"ring volume evenness {RiskScorer.VolumeEvenness(ring):F3}");
        Assert.True(_scorer.RateEvenness(ring) > 0.93, $"ring rate evenness {_scorer.RateEvenness(ring):F3}");
        Assert.Equal(1, _scorer.OneRate(ring));
        Assert.True(_scorer.RateEvenness(team) < 0.6, $"team rate evenness {_scorer.RateEvenness(team):F3}");
        Assert.Equal(0, _scorer.OneRate(team));

        var ringScore = _scorer.Score(ring);
        Assert.Equal(Decision.Deny, ringScore.Decision);
        Assert.Contains(ringScore.Reasons, r => r.Feature == FeatureNames.TrafficEvenness);
        Assert.DoesNotContain(ringScore.Reasons, r => r.Feature == FeatureNames.UnevenTraffic);
        var teamScore = _scorer.Score(team);
        Assert.Equal(Decision.Allow, teamScore.Decision);
        Assert.DoesNotContain(teamScore.Reasons, r => r.Feature == FeatureNames.TrafficEvenness);
    }

    [Fact]
    public void ARingThatJittersItsDays_ShowsItsOneRateWithinDays_WhileATeamDoesNot()
    {
        // Sixty accounts three days in, each day spread by a lognormal factor of sigma 0.5: the ring's rates are 950
        // to 1,000, the team's 100 to 780. Over three days each account's mean still carries its days' spread, and
        // the ring's means alone read as far from one rate as the team's; taking that spread off, as the accounts'
        // repeat days measure it, leaves the ring's one rate and the team's many.
        var ring = DaysSpread(60, 3, i => 950 + (i * 50 / 60));
        var team = DaysSpread(60, 3, i => DeveloperDays.Rates[i % DeveloperDays.Rates.Length]);

        Assert.True(_scorer.OneRate(ring) > 0.6, $"ring one rate {_scorer.OneRate(ring):F3}");
        Assert.True(MeansEvenness(ring) < 0.8, $"ring means' evenness {MeansEvenness(ring):F3}");
        Assert.True(_scorer.RateEvenness(team) < 0.6, $"team rate evenness {_scorer.RateEvenness(team):F3}");
        Assert.Equal(0, _scorer.OneRate(team));
    }

    [Fact]
    public void RateEvenness_OfPeopleWhoVaryTheirDaysTenfold_IsNotOneRate_HoweverFewTheirDays()
    {
        // Twelve heavy users at 55 to 240 a day whose days range from a twentieth to six and a half times that: over
        // a few days their days' spread, as measured, can exceed the spread of their means, which must not read as
        // accounts with nothing between their rates.
        var factors = new[] { 0.1, 2.9, 0.35, 1.6, 0.05, 4.2, 0.8, 0.2, 1.1, 6.5, 0.3, 0.6 };
        var rates = new long[] { 60, 95, 150, 75, 240, 110, 55, 180, 85, 130, 70, 200 };
        foreach (var days in new[] { 2, 3, 4, 6, 12 })
        {
            var people = new GroupFeatures();
            for (var i = 0; i < rates.Length; i++)
            {
                people.AddAccount(Profile($"p{i}", [.. Enumerable.Range(0, days).Select(day => Math.Max(1, (long)(rates[i] * factors[((day * 5) + i) % factors.Length])))]), linksHub: false);
            }

            Assert.True(_scorer.RateEvenness(people) < 0.7, $"{days} days: rate evenness {_scorer.RateEvenness(people):F3}");
            Assert.Equal(0, _scorer.OneRate(people));
        }
    }

    [Fact]
    public void RateEvenness_OfAFewAccounts_CountsInPart_AndOfFeaturesStoredBeforeIt_NotAtAll()
    {
        // Accounts at one rate, ten days each, the days varying: three are too few to tell a ring from chance.
        var days = new long[] { 200, 900, 450, 700, 300, 650, 500, 400, 800, 100 };
        GroupFeatures Accounts(int n)
        {
            var group = new GroupFeatures();
            for (var i = 0; i < n; i++)
            {
                group.AddAccount(Profile($"a{i}", [.. days.Select((_, d) => days[(d + i) % days.Length])]), linksHub: false);
            }

            return group;
        }

        var three = Accounts(3);
        var ten = Accounts(10);
        Assert.True(_scorer.OneRate(ten) > 0.85, $"ten: one rate {_scorer.OneRate(ten):F3}");
        Assert.InRange(_scorer.RateEvenness(three), 0.2, 0.3);
        Assert.Equal(0, _scorer.OneRate(three));

        // Merged with features kept before the accounts' mean loads were: not measured, whatever the rest says.
        var stored = Accounts(10);
        stored.AccountMeanSquares = 0;
        stored.MeanSquaredAccounts = 0;
        var merged = ten.Clone();
        merged.Merge(stored);
        Assert.Equal(0, _scorer.RateEvenness(stored));
        Assert.Equal(0, _scorer.RateEvenness(merged));
        Assert.True(_scorer.Evenness(merged) < 0.6, $"evenness {_scorer.Evenness(merged):F3}");
    }

    [Fact]
    public void ACellOfThreeOnOneDevice_ShowsItsOneRate_ThoughItJittersItsDays_AndThreeOnACardEachOnTheirOwnDeviceDoNot()
    {
        // Three accounts made within the hour on one device and one card, each from a network of its own, twenty
        // days of traffic at 420 to 480 a day, every day spread by a lognormal factor of sigma 0.5. The same three on
        // the card alone, each on a device of its own, may be three developers whose rates agree by chance; and three
        // people on one laptop at home are one place, whatever their rates.
        GroupFeatures Cell(bool oneDevice, bool oneNetwork)
        {
            var group = DaysSpread(3, 20, i => 420 + (30 * i));
            group.SignupDays[100] = 3;
            group.SharedMax[GroupFeatures.KindIndex(EntityKind.Instrument)] = 3;
            group.Entities[GroupFeatures.KindIndex(EntityKind.Instrument)] = 1;
            group.SharedMax[GroupFeatures.KindIndex(EntityKind.Device)] = oneDevice ? 3 : 0;
            group.Entities[GroupFeatures.KindIndex(EntityKind.Device)] = oneDevice ? 1 : 0;
            group.SharedMax[GroupFeatures.KindIndex(EntityKind.IpRange)] = oneNetwork ? 3 : 1;
            group.Entities[GroupFeatures.KindIndex(EntityKind.IpRange)] = oneNetwork ? 1 : 6;
            return group;
        }

        var cell = Cell(oneDevice: true, oneNetwork: false);
        var onCard = Cell(oneDevice: false, oneNetwork: false);
        var household = Cell(oneDevice: true, oneNetwork: true);

        Assert.True(RiskScorer.VolumeEvenness(cell) < 0.6, $"cell volume evenness {RiskScorer.VolumeEvenness(cell):F3}");
        Assert.True(_scorer.OneRate(cell) > 0.5, $"cell one rate {_scorer.OneRate(cell):F3}");
        var cellScore = _scorer.Score(cell);
        Assert.True(cellScore.Decision >= Decision.Review, $"cell scores {cellScore.Score}");
        Assert.Contains(cellScore.Reasons, r => r.Feature == FeatureNames.TrafficEvenness);
        Assert.Contains(cellScore.Reasons, r => r.Feature == FeatureNames.CapabilityShare);

        Assert.Equal(0, _scorer.OneRate(onCard));
        Assert.Equal(_scorer.RateEvenness(cell) * 3 / new ScoringOptions().RateEvennessFullAccounts, _scorer.RateEvenness(onCard), 9);
        Assert.Equal(Decision.Allow, _scorer.Score(onCard).Decision);
        Assert.Equal(Decision.Allow, _scorer.Score(household).Decision);
    }

    [Fact]
    public void VolumeEvenness_OfARing_StaysHigh_WhenPeopleOnItsRangesSendAFewRequestsEach()
    {
        // Sixty puppets at 2,000 requests a day for six days, and twelve people each sending 5 to 60 on a few days:
        // across account-days the people make the group look uneven; weighed by what was sent, it is the ring's.
        var ring = Group(Enumerable.Range(0, 60).Select(_ => (Requests: 12_000L, ActiveDays: 6)));
        var mixed = Group(Enumerable.Range(0, 60).Select(_ => (Requests: 12_000L, ActiveDays: 6)));
        for (var i = 0; i < 12; i++)
        {
            mixed.AddAccount(Profile($"person{i}", [5 + (5 * i), 60 - (4 * i), 30]), linksHub: false);
        }

        Assert.True(RiskScorer.VolumeEvenness(mixed) > 0.95, $"volume evenness {RiskScorer.VolumeEvenness(mixed):F3}");
        Assert.DoesNotContain(_scorer.Score(mixed).Reasons, r => r.Feature == FeatureNames.UnevenTraffic);
        Assert.Equal(1.0, RiskScorer.VolumeEvenness(ring), 6);
    }

    [Fact]
    public void UnevenTraffic_CountsOnlyAsFarAsEvennessIsMeasured()
    {
        // Three accounts on their first day, each at its own rate, and the same three ten days on: as uneven, but
        // over three account-days, too few to call it uneven in full.
        var firstDay = Group([(300, 1), (1_000, 1), (100, 1)]);
        var tenthDay = Group([(3_000, 10), (10_000, 10), (1_000, 10)]);

        var first = Assert.Single(_scorer.Score(firstDay).Reasons, r => r.Feature == FeatureNames.UnevenTraffic);
        var tenth = Assert.Single(_scorer.Score(tenthDay).Reasons, r => r.Feature == FeatureNames.UnevenTraffic);
        Assert.Equal(RiskScorer.VolumeEvenness(firstDay), RiskScorer.VolumeEvenness(tenthDay), 9);
        Assert.True(tenth.Weight < 0, $"uneven traffic weighs {tenth.Weight}");
        Assert.Equal(tenth.Weight * 3 / new ScoringOptions().EvennessMinAccountDays, first.Weight, 3);
    }

    [Fact]
    public void Reasons_ListWhatRaisedTheScoreLargestFirst_ThenWhatLoweredIt_EachUpToMaxReasons()
    {
        var scorer = new RiskScorer(new ScoringOptions { MaxReasons = 2 });
        // Ten accounts that run alike, signed up on one day, two of them labelled benign and three fraud.
        var group = Group(Enumerable.Range(0, 10).Select(_ => (Requests: 4_000L, ActiveDays: 10)));
        group.SignupDays[100] = 10;
        group.BenignLabelled = 2;
        group.FraudLabelled = 3;

        var all = new RiskScorer(new ScoringOptions()).Score(group).Reasons;
        var raised = all.Where(r => r.Weight > 0).ToList();
        var lowered = all.Where(r => r.Weight < 0).ToList();
        Assert.True(raised.Count > 2, $"{raised.Count} reasons raised the score");
        Assert.Equal(FeatureNames.BenignLabelled, Assert.Single(lowered).Feature);
        Assert.Equal([.. raised, .. lowered], all);
        Assert.Equal(raised.OrderByDescending(r => r.Weight), raised);

        var capped = scorer.Score(group).Reasons;
        Assert.Equal([.. raised.Take(2), .. lowered], capped);
    }

    /// <summary>Accounts at <paramref name="rate"/>, each day times a factor of <see cref="DeveloperDays.Spread"/>, shuffled from one account to the next.</summary>
    private static GroupFeatures DaysSpread(int accounts, int days, Func<int, long> rate)
    {
        var group = new GroupFeatures();
        for (var i = 0; i < accounts; i++)
        {
            group.AddAccount(Profile($"a{i}", [.. Enumerable.Range(0, days).Select(day => (long)(rate(i) * DeveloperDays.Spread[((day * 7) + i) % DeveloperDays.Spread.Length]))]), linksHub: false);
        }

        return group;
    }

    /// <summary>1 − the coefficient of variation of the accounts' mean daily requests, with their days' spread left in.</summary>
    private static double MeansEvenness(GroupFeatures f)
    {
        var mean = f.DayRequests / f.AccountDays;
        return 1 - (Math.Sqrt((f.AccountMeanSquares / f.AccountDays) - (mean * mean)) / mean);
    }

    private static AccountProfile Profile(string id, long[] days) => new()
    {
        Account = id,
        Component = "c-0000000000000001",
        Links = [],
        Requests = [0, days.Sum(), 0, 0, 0],
        ActiveHours = [],
        ActiveDays = days.Length,
        DayRequestsSquared = days.Sum(d => (double)d * d),
        DayRequestsCubed = days.Sum(d => (double)d * d * d),
    };

    /// <summary>Accounts that send nothing but coding traffic, each as much every day.</summary>
    private static GroupFeatures Group(IEnumerable<(long Requests, int ActiveDays)> accounts)
    {
        var features = new GroupFeatures();
        var i = 0;
        foreach (var (requests, days) in accounts)
        {
            features.AddAccount(new AccountProfile
            {
                Account = $"a{i++}",
                Component = "c-0000000000000001",
                Links = [],
                Requests = [0, requests, 0, 0, 0],
                ActiveHours = [],
                ActiveDays = days,
            }, linksHub: false);
        }

        return features;
    }
}
