using CsCheck;
using Orleans.Distill.Events;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Tests.Detection;

/// <summary>
/// What a group is measured on is what it is scored on: a learned scorer trained on <see cref="RiskScorer.Measure"/>
/// sees every feature the hand-built score weighs, taken as far as the score takes it.
/// </summary>
public sealed class MeasurementTests
{
    private static readonly ScoringOptions Options = new();
    private readonly RiskScorer _scorer = new(Options);

    [Fact]
    public void TheScore_IsTheWeightedMeasurements_AndEveryGroupIsMeasuredOnEveryFeature_InOneOrder()
    {
        Groups.Sample(group =>
        {
            var measured = _scorer.Measure(group);
            Assert.Equal(FeatureNames.Measured, measured.Select(m => m.Feature));
            Assert.All(measured, m => Assert.True(double.IsFinite(m.Value) && m.Factor is >= 0 and <= 1, $"{m}"));

            // A plain re-reading of the score from the measurements alone.
            var logit = Options.Bias;
            foreach (var m in measured)
            {
                if (Options.Features.TryGetValue(m.Feature, out var spec))
                {
                    logit += spec.Weight * spec.Scale(m.Value) * (spec.GroupOnly ? _scorer.GroupScale(group.Accounts) : 1) * m.Factor;
                }
            }

            Assert.Equal(Math.Round(1 / (1 + Math.Exp(-logit)), 4), _scorer.Score(group).Score, 4);
        }, iter: 2_000);
    }

    [Fact]
    public void DailyPresence_BeforeTheAccountsHaveDaysEnough_IsMeasuredButCountsForNothing()
    {
        // Ten accounts on their first two days: no inner day yet.
        var group = new GroupFeatures();
        for (var i = 0; i < 10; i++)
        {
            group.AddAccount(Profile($"a{i}", requests: 800, activeDays: 2, firstDay: 100, lastDay: 101), linksHub: false);
        }

        var presence = Assert.Single(_scorer.Measure(group), m => m.Feature == FeatureNames.DailyPresence);
        Assert.Equal(0, presence.Factor);
        Assert.DoesNotContain(_scorer.Score(group).Reasons, r => r.Feature == FeatureNames.DailyPresence);
    }

    [Fact]
    public void ASharedThing_IsNamedWithItsMeasurement()
    {
        var group = new GroupFeatures();
        for (var i = 0; i < 4; i++)
        {
            group.AddAccount(Profile($"a{i}", requests: 0, activeDays: 0, firstDay: null, lastDay: null), linksHub: i == 0);
        }

        group.AddEntity(EntityKind.Instrument, NodeKey.Entity(EntityKind.Instrument, "tok_farm"), 4);
        var measured = _scorer.Measure(group).ToDictionary(m => m.Feature);

        Assert.Equal(new Measurement(FeatureNames.SharedInstrumentAccounts, 4, 1, "tok_farm"), measured[FeatureNames.SharedInstrumentAccounts]);
        Assert.Equal(0.25, measured[FeatureNames.HubLinked].Value);
        Assert.Equal(4, measured[FeatureNames.Accounts].Value);
    }

    private static readonly Gen<AccountProfile> Accounts =
        Gen.Select(Gen.Long[0, 20_000].Array[5], Gen.Int[0, 40], Gen.Int[0, 30], Gen.Int[0, 2], Gen.Int[0, 23].Array[0, 6])
            .Select((requests, activeDays, signup, label, hours) =>
            {
                var first = activeDays == 0 ? (int?)null : 100 + signup;
                return Profile("a", requests, activeDays, first, first + activeDays + (label == 2 ? 3 : 0)) with
                {
                    SignupDay = 100 + signup,
                    ActiveHours = hours,
                    Label = label switch { 0 => null, 1 => Verdict.Fraud, _ => Verdict.Benign },
                };
            });

    private static readonly Gen<GroupFeatures> Groups =
        Gen.Select(Accounts.List[1, 40], Gen.Bool.Array[40], Gen.Int[0, 40].Array[4], Gen.Int[0, 60])
            .Select((accounts, hubs, shared, place) =>
            {
                var group = new GroupFeatures();
                for (var i = 0; i < accounts.Count; i++)
                {
                    group.AddAccount(accounts[i], hubs[i]);
                }

                foreach (var kind in new[] { EntityKind.Instrument, EntityKind.IpRange, EntityKind.Device, EntityKind.Template })
                {
                    var most = Math.Min(shared[GroupFeatures.KindIndex(kind)], accounts.Count);
                    if (most > 0)
                    {
                        group.AddEntity(kind, NodeKey.Entity(kind, $"{kind}-1"), most);
                    }
                }

                group.PlaceAccounts = place;
                return group;
            });

    private static AccountProfile Profile(string id, long requests, int activeDays, int? firstDay, int? lastDay) =>
        Profile(id, [0, requests, 0, 0, 0], activeDays, firstDay, lastDay);

    private static AccountProfile Profile(string id, long[] requests, int activeDays, int? firstDay, int? lastDay)
    {
        var perDay = activeDays == 0 ? 0 : (double)requests.Sum() / activeDays;
        return new()
        {
            Account = id,
            Component = "c-0000000000000001",
            Links = [],
            Requests = requests,
            ActiveHours = [],
            ActiveDays = activeDays,
            DayRequestsSquared = perDay * perDay * activeDays * 1.3,
            DayRequestsCubed = perDay * perDay * perDay * activeDays * 1.8,
            FirstActiveDay = firstDay,
            LastActiveDay = lastDay,
        };
    }
}
