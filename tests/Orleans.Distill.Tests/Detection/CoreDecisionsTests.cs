using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;
using static Orleans.Distill.Tests.Detection.GluedComponent;
using static Orleans.Distill.Tests.TestEvents;

namespace Orleans.Distill.Tests.Detection;

/// <summary>Cores and per-account decisions, pure: a ring and the households whose range its proxies use.</summary>
public sealed class CoreDecisionsTests
{
    private static readonly HubRules Rules = new(new DetectionOptions());
    private static readonly RiskScorer Scorer = new(new ScoringOptions());
    private static readonly string Home = NodeKey.Entity(EntityKind.IpRange, "73.1.2.0/24");

    [Fact]
    public void HouseholdsOnARingsRange_AreCoresOfTheirOwn_AndAllowed_WhileTheRingIsDenied()
    {
        var profiles = new Dictionary<string, AccountProfile>();
        for (var i = 0; i < 20; i++)
        {
            Add(profiles, Puppet($"ring{i}", $"card{i % 2}"));
        }

        var random = new Random(8);
        foreach (var member in new[] { "mum", "dad", "kid" })
        {
            Add(profiles, Person(member, "family-card", random));
        }

        Add(profiles, Person("neighbour", "own-card", random));

        var piece = Assert.Single(Pieces(profiles, T0.AddDays(4)));
        var component = Scorer.Score(piece.Features);
        var own = CoreDecisions.Of(piece.Cores, component, Scorer);

        // The ring (two cards, tied by the range it runs from as one), the family on its card, the neighbour alone:
        // the people run at rates of their own, and the range ties none of them to the ring.
        Assert.Equal(3, piece.Cores.Count);
        Assert.Contains(piece.Cores, c => c.Accounts.Count == 20 && c.Accounts.All(a => a.StartsWith("account:ring", StringComparison.Ordinal)));
        Assert.Contains(piece.Cores, c => c.Accounts.Order().SequenceEqual(new[] { "account:dad", "account:kid", "account:mum" }));
        Assert.Contains(piece.Cores, c => c.Accounts.SequenceEqual(["account:neighbour"]));
        // The people's traffic makes the component as a whole look less uniform than the ring: each account is
        // judged on its own core, the people allowed and the ring denied whatever the component's decision.
        Decision DecisionOf(string account) => own.GetValueOrDefault(account, component).Decision;
        foreach (var person in new[] { "account:mum", "account:dad", "account:kid", "account:neighbour" })
        {
            Assert.Equal(Decision.Allow, DecisionOf(person));
        }

        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(Decision.Deny, DecisionOf($"account:ring{i}")));
    }

    [Fact]
    public void ARingSharingNothingButRanges_IsOneCore()
    {
        var profiles = new Dictionary<string, AccountProfile>();
        for (var i = 0; i < 12; i++)
        {
            Add(profiles, Puppet($"ring{i}", card: null));
        }

        var entities = new Dictionary<string, EntityInfo> { [Home] = new() { Key = Home, Component = "c-0000000000000001", Glues = true } };

        var piece = Assert.Single(ComponentPartition.Compute([.. profiles.Keys, Home], profiles, entities, Rules, Scorer, T0.AddDays(4)).Pieces);

        Assert.Equal(12, Assert.Single(piece.Cores).Accounts.Count);
    }

    [Fact]
    public void UsersOfAPopularTemplate_AreCoresOfTheirOwn_WhileARingsScriptTiesItsCardsIntoOneCore()
    {
        var popular = NodeKey.Entity(EntityKind.Template, "tpl-public-03");
        var script = NodeKey.Entity(EntityKind.Template, "tpl-script");
        var profiles = new Dictionary<string, AccountProfile>();
        var random = new Random(5);
        for (var i = 0; i < 12; i++)
        {
            Add(profiles, Person($"stranger{i}", $"own-card{i}", random, popular));
        }

        // A couple on one family card: a core of two, not of the template's fourteen users.
        Add(profiles, Person("wife", "family-card", random, popular));
        Add(profiles, Person("husband", "family-card", random, popular));
        // A ring of eight on two cards, running one script; two of them also use the popular template.
        for (var i = 0; i < 8; i++)
        {
            string[] uses = i < 2 ? [script, popular] : [script];
            Add(profiles, Puppets.Profile($"ring{i}", [NodeKey.Entity(EntityKind.Instrument, $"ring-card{i % 2}"), .. uses]));
        }

        var piece = Assert.Single(Pieces(profiles, T0.AddDays(4)));

        var ring = Assert.Single(piece.Cores, c => c.Accounts.Contains("account:ring0"));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"account:ring{i}").Order(), ring.Accounts.Order());
        Assert.Contains(piece.Cores, c => c.Accounts.Order().SequenceEqual(new[] { "account:husband", "account:wife" }));
        Assert.Equal(12, piece.Cores.Count(c => c.Accounts.Count == 1 && c.Accounts.Single().StartsWith("account:stranger", StringComparison.Ordinal)));
        Assert.Equal(14, piece.Cores.Count);
    }

    [Fact]
    public void ADripOnCardsOfItsOwn_RunningOneScriptAsOne_IsOneCore_WhileStrangersOnAPublicTemplateAreNot()
    {
        var script = NodeKey.Entity(EntityKind.Template, "tpl-drip");
        var popular = NodeKey.Entity(EntityKind.Template, "tpl-public-07");
        var profiles = new Dictionary<string, AccountProfile>();
        // Five puppets, each on a card and a home range of its own, share nothing but the script they run together.
        for (var i = 0; i < 5; i++)
        {
            Add(profiles, Puppets.Profile($"drip{i}", NodeKey.Entity(EntityKind.Instrument, $"drip-card{i}"), NodeKey.Entity(EntityKind.IpRange, $"98.{i}.9.0/24"), script));
        }

        var random = new Random(11);
        for (var i = 0; i < 8; i++)
        {
            Add(profiles, Person($"stranger{i}", $"own-card{i}", random, popular));
        }

        var pieces = Pieces(profiles, T0.AddDays(4));

        var drip = Assert.Single(pieces.SelectMany(p => p.Cores), c => c.Accounts.Contains("account:drip0"));
        Assert.Equal(5, drip.Accounts.Count);
        Assert.NotEqual(Decision.Allow, Scorer.Score(drip.Features).Decision);
        Assert.All(pieces.SelectMany(p => p.Cores).Where(c => c.Accounts.Any(a => a.Contains("stranger", StringComparison.Ordinal))),
            core => Assert.Single(core.Accounts));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void ATeamsPipeline_OnOneCardInOneOffice_IsAllowed_WhileTheSameRunFromAddressesOfTheirOwn_IsFlagged(int size)
    {
        // The same accounts, the same card and the same lockstep capability traffic: only where they come from differs.
        var office = Assess(Enumerable.Range(0, size).Select(i => Puppets.Profile($"team{i}", NodeKey.Entity(EntityKind.Instrument, "team-card"), Home)));
        var spread = Assess(Enumerable.Range(0, size).Select(i =>
            Puppets.Profile($"ring{i}", NodeKey.Entity(EntityKind.Instrument, "ring-card"), NodeKey.Entity(EntityKind.IpRange, $"98.{i}.7.0/24"))));

        Assert.Equal(Decision.Allow, office.Decision);
        Assert.NotEqual(Decision.Allow, spread.Decision);
        Assert.True(spread.Score > office.Score + 0.4, $"spread {spread.Score}, office {office.Score}");
        Assert.Contains(spread.Reasons, r => r.Feature == FeatureNames.NetworkDispersion);

        // The office's low score says why: its ring-like reasons first, then what offset them, with the office's range.
        var offset = Assert.Single(office.Reasons, r => r.Weight < 0);
        Assert.Equal(FeatureNames.CoLocated, offset.Feature);
        Assert.Equal("73.1.2.0/24", offset.Entity);
        Assert.Same(offset, office.Reasons[^1]);
        Assert.True(office.Reasons.Count > 1);
        Assert.DoesNotContain(spread.Reasons, r => r.Weight < 0);
    }

    [Fact]
    public void ACellOfThree_OnOneDeviceAndOneCard_EachFromARangeOfItsOwn_IsDenied()
    {
        // Too few to fill a card's or a device's scale: what the three do as one is the evidence, and three are a group.
        var device = NodeKey.Entity(EntityKind.Device, "cell-device");
        var card = NodeKey.Entity(EntityKind.Instrument, "cell-card");
        var cell = Assess(Enumerable.Range(0, 3).Select(i => Puppets.Profile($"cell{i}", device, card, NodeKey.Entity(EntityKind.IpRange, $"98.{i}.5.0/24"))));

        Assert.Equal(Decision.Deny, cell.Decision);
        Assert.Contains(cell.Reasons, r => r.Feature == FeatureNames.SignupBurstiness);
    }

    [Fact]
    public void BoughtAccounts_SignedUpMonthsApart_JoinTheirRingOnTheDayItsCardIsAttached_AsACustomersDoNot()
    {
        // Twelve accounts signed up one by one over 200 days, each from a range and on a device of its own. Bought and
        // woken, their card is attached to all of them on one day; a customer's accounts each took the card when they
        // signed up. The device each signed up on is its own and says nothing of when it joined.
        var card = NodeKey.Entity(EntityKind.Instrument, "bought-card");
        AccountProfile Account(int i, bool attachedTogether)
        {
            var signup = T0.AddDays(-300 + (i * 18));
            var puppet = Puppets.Profile($"aged{i}", NodeKey.Entity(EntityKind.IpRange, $"98.{i}.3.0/24"));
            return puppet with
            {
                SignupDay = AccountProfile.DayOf(signup),
                Links =
                [
                    .. puppet.Links,
                    new(NodeKey.Entity(EntityKind.Device, $"own-device{i}"), LinkRecord.At(signup)),
                    new(card, LinkRecord.At(attachedTogether ? T0.AddHours(i) : signup.AddHours(1))),
                ],
            };
        }

        GroupFeatures Core(bool attachedTogether)
        {
            var profiles = new Dictionary<string, AccountProfile>();
            for (var i = 0; i < 12; i++)
            {
                Add(profiles, Account(i, attachedTogether));
            }

            var piece = Assert.Single(Pieces(profiles, T0.AddDays(4)));
            Assert.Equal(piece.Features.SignupDays, Assert.Single(piece.Cores).Features.SignupDays);
            return piece.Cores[0].Features;
        }

        var bought = Core(attachedTogether: true);
        Assert.Equal(1, RiskScorer.Burstiness(bought));
        Assert.Equal(0, RiskScorer.SpreadDays(bought));
        var customer = Core(attachedTogether: false);
        Assert.Equal(1.0 / 12, RiskScorer.Burstiness(customer), 9);
        Assert.True(RiskScorer.SpreadDays(customer) > 100, $"spread {RiskScorer.SpreadDays(customer)} days");

        // Past its hub threshold the card's accounts are judged the same way.
        var hub = ComponentPartition.HubFeatures(card, [.. Enumerable.Range(0, 12).Select(i => Account(i, attachedTogether: true))], Rules.Options);
        Assert.Equal(1, RiskScorer.Burstiness(hub));
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.0 / 12)]
    public void BoughtAccounts_WokenOnADayBeforeTheirCard_JoinOnTheCardsDay_OnlyWithinTheWakeDays(int daysBefore, double burstiness)
    {
        // The ring starts its twelve accounts' traffic in the evening and attaches its card after midnight: woken the
        // day before, they still join on the card's day. Accounts at work two days before it took the card as
        // customers do, and joined when they signed up, one by one.
        var card = NodeKey.Entity(EntityKind.Instrument, "bought-card");
        var profiles = new Dictionary<string, AccountProfile>();
        for (var i = 0; i < 12; i++)
        {
            var signup = T0.AddDays(-300 + (i * 18));
            var puppet = Puppets.Profile($"aged{i}", NodeKey.Entity(EntityKind.IpRange, $"98.{i}.3.0/24"));
            Add(profiles, puppet with
            {
                SignupDay = AccountProfile.DayOf(signup),
                FirstActiveDay = AccountProfile.DayOf(T0.AddDays(-daysBefore).AddHours(21)),
                Links = [.. puppet.Links, new(card, LinkRecord.At(T0.AddMinutes(10 * i)))],
            });
        }

        var core = Assert.Single(Assert.Single(Pieces(profiles, T0.AddDays(4))).Cores);
        Assert.Equal(burstiness, RiskScorer.Burstiness(core.Features), 9);
        Assert.Equal(burstiness, RiskScorer.Burstiness(ComponentPartition.HubFeatures(card, [.. profiles.Values], Rules.Options)), 9);
        Assert.Equal(1.0 / 12, RiskScorer.Burstiness(ComponentPartition.HubFeatures(card, [.. profiles.Values], new DetectionOptions { WakeDays = 0 })), 9);
    }

    [Fact]
    public void ACompanyMovingItsDevelopersOntoANewCard_IsAllowed_ThoughTheyAllTakeItOnOneDay()
    {
        // Twenty developers who signed up over nine months, each on a device of their own in the company's office and
        // at a rate of their own, working ten days before the move and ten after. On one day the company moves them
        // all onto a new corporate card, as a ring moves the accounts it bought onto its card; but a ring's were
        // silent until then.
        var card = NodeKey.Entity(EntityKind.Instrument, "new-corporate-card");
        var office = NodeKey.Entity(EntityKind.IpRange, "52.14.9.0/24");
        var jitter = new[] { 0.4, 1.7, 0.9, 1.3, 0.6, 1.5, 1.0, 0.7, 1.2, 0.8 };
        (GroupFeatures Features, Assessment Assessment, GroupFeatures Hub) Core(bool workingBefore)
        {
            var profiles = new Dictionary<string, AccountProfile>();
            for (var i = 0; i < 20; i++)
            {
                var signup = T0.AddDays(-280 + (i * 14));
                var rate = 100 + (i * 35);
                var days = Enumerable.Range(workingBefore ? -10 : 0, workingBefore ? 20 : 10)
                    .Select(d => (Day: T0.AddDays(d), Requests: (long)(rate * jitter[(d + 10 + i) % jitter.Length])))
                    .ToList();
                var total = days.Sum(d => d.Requests);
                Add(profiles, new AccountProfile
                {
                    Account = $"dev{i}",
                    Component = "c-0000000000000001",
                    Links =
                    [
                        new(office, new LinkRecord(signup, T0.AddDays(9), 40)),
                        new(NodeKey.Entity(EntityKind.Device, $"laptop{i}"), new LinkRecord(signup, T0.AddDays(9), 40)),
                        new(card, LinkRecord.At(T0.AddHours(9 + (i % 8)))),
                    ],
                    SignupDay = AccountProfile.DayOf(signup),
                    Requests = [total * 6 / 10, total * 2 / 10, 0, total * 2 / 10, 0],
                    ActiveHours = [.. days.SelectMany(d => Enumerable.Range(9 + (i % 3), 6).Select(h => AccountProfile.HourOf(d.Day.AddHours(h))))],
                    ActiveDays = days.Count,
                    FirstActiveDay = AccountProfile.DayOf(days[0].Day),
                    DayRequestsSquared = days.Sum(d => (double)d.Requests * d.Requests),
                    DayRequestsCubed = days.Sum(d => (double)d.Requests * d.Requests * d.Requests),
                    LastSeen = T0.AddDays(9),
                });
            }

            var piece = Assert.Single(Pieces(profiles, T0.AddDays(10)));
            var core = Assert.Single(piece.Cores);
            Assert.Equal(20, core.Accounts.Count);
            // Past its hub threshold the card's accounts are judged the same way.
            return (core.Features, Scorer.Score(core.Features), ComponentPartition.HubFeatures(card, [.. profiles.Values], Rules.Options));
        }

        var company = Core(workingBefore: true);
        Assert.Equal(1.0 / 20, RiskScorer.Burstiness(company.Features), 9);
        Assert.Equal(1.0 / 20, RiskScorer.Burstiness(company.Hub), 9);
        Assert.True(
            company.Assessment.Decision == Decision.Allow,
            $"score {company.Assessment.Score}: {string.Join(", ", company.Assessment.Reasons.Select(r => $"{r.Feature} {r.Value} ({r.Weight})"))}");

        // Silent until their card came, the same accounts join on that day: read as a ring woken together.
        var woken = Core(workingBefore: false);
        Assert.Equal(1, RiskScorer.Burstiness(woken.Features));
        Assert.Equal(1, RiskScorer.Burstiness(woken.Hub));
        Assert.NotEqual(Decision.Allow, woken.Assessment.Decision);
    }

    [Fact]
    public void Farms_InOnePlace_AreNotCustomers_PastTheCustomerSize()
    {
        // Seven accounts on one card from one range are not a team: one place stops counting for them.
        var farm = Assess(Enumerable.Range(0, 7).Select(i => Puppets.Profile($"farm{i}", NodeKey.Entity(EntityKind.Instrument, "farm-card"), Home)));

        Assert.Equal(Decision.Deny, farm.Decision);
        Assert.DoesNotContain(farm.Reasons, r => r.Feature == FeatureNames.CoLocated);
    }

    [Fact]
    public void TwoCardGroupsOfAFarm_InOnePlace_AreNotEachACustomer()
    {
        // Twelve bought accounts on two cards, six each, all from one proxy range: each card is customer-sized, the place is not.
        var profiles = new Dictionary<string, AccountProfile>();
        for (var i = 0; i < 12; i++)
        {
            Add(profiles, Puppets.Profile($"farm{i}", NodeKey.Entity(EntityKind.Instrument, $"farm-card{i % 2}"), Home));
        }

        // Their range, where they run as one, ties them into one core.
        var tied = Assert.Single(Assert.Single(Pieces(profiles, T0.AddDays(4))).Cores);
        Assert.Equal(12, tied.Accounts.Count);
        Assert.Equal(Decision.Deny, Scorer.Score(tied.Features).Decision);

        // Not tied by it, each card group still answers for the place it shares.
        var piece = Assert.Single(Pieces(profiles, T0.AddDays(4), new HubRules(new DetectionOptions { PlaceRateFactor = 0 })));
        Assert.Equal(2, piece.Cores.Count);
        Assert.All(piece.Cores, core =>
        {
            Assert.Equal(6, core.Accounts.Count);
            Assert.Equal(12, core.Features.PlaceAccounts);
            Assert.Equal(Decision.Deny, Scorer.Score(core.Features).Decision);
        });
    }

    private static Assessment Assess(IEnumerable<AccountProfile> accounts)
    {
        var profiles = new Dictionary<string, AccountProfile>();
        foreach (var profile in accounts)
        {
            Add(profiles, profile);
        }

        var piece = Assert.Single(Pieces(profiles, T0.AddDays(4)));
        return Scorer.Score(Assert.Single(piece.Cores).Features);
    }

    private static IReadOnlyList<ComponentPartition.Piece> Pieces(Dictionary<string, AccountProfile> profiles, DateTime at, HubRules? rules = null) =>
        GluedComponent.Pieces(profiles, at, rules ?? Rules, Scorer);

    private static AccountProfile Puppet(string id, string? card) =>
        card is null ? Puppets.Profile(id, Home) : Puppets.Profile(id, NodeKey.Entity(EntityKind.Instrument, card), Home);

    private static AccountProfile Person(string id, string card, Random random, string? place = null)
    {
        var requests = new long[5];
        requests[random.Next(5)] = random.Next(5, 200);
        return new AccountProfile
        {
            Account = id,
            Component = "c-0000000000000001",
            Links = [new(NodeKey.Entity(EntityKind.Instrument, card), LinkRecord.At(T0.AddDays(-100))), new(place ?? Home, LinkRecord.At(T0.AddDays(2)))],
            SignupDay = AccountProfile.DayOf(T0.AddDays(-random.Next(30, 300))),
            Requests = requests,
            ActiveHours = [AccountProfile.HourOf(T0.AddDays(2).AddHours(random.Next(24)))],
            ActiveDays = 1,
            LastSeen = T0.AddDays(2),
        };
    }
}
