using CsCheck;
using Orleans.Distill.Cli.Evaluation;
using Orleans.Distill.Events;

namespace Orleans.Distill.Tests.Simulation;

public sealed class TwentyLineBaselineTests
{
    private static readonly DateTime T0 = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);

    // a1–a3 share a card; a1 and a2 a device; a2 and a4 an address range; a3 and a5 a template; a6 shares nothing.
    private static readonly DistillEvent[] Events =
    [
        Event("a1", instrument: "c1"), Event("a2", instrument: "c1"), Event("a3", instrument: "c1"),
        Event("a1", device: "d1"), Event("a2", device: "d1"),
        Event("a2", ip: "10.0.0.0/24"), Event("a4", ip: "10.0.0.0/24"),
        Event("a3", template: "t1"), Event("a5", template: "t1"),
        Event("a6"),
    ];

    [Theory]
    // The card (3 accounts) is ignored above 2: a1–a2–a4 make 3, a3–a5 make 2.
    [InlineData(2, 3, new[] { "a1", "a2", "a4" })]
    [InlineData(2, 2, new[] { "a1", "a2", "a3", "a4", "a5" })]
    // Kept at 3, the card joins both groups into five.
    [InlineData(3, 5, new[] { "a1", "a2", "a3", "a4", "a5" })]
    [InlineData(3, 6, new string[0])]
    // Every identifier ignored: each account alone.
    [InlineData(1, 1, new[] { "a1", "a2", "a3", "a4", "a5", "a6" })]
    [InlineData(1, 2, new string[0])]
    public void Flag_IgnoresWidelySharedIdentifiers_AndFlagsLargeComponents(int maxAccounts, int minComponent, string[] expected) =>
        Assert.Equal(expected, TwentyLineBaseline.Flag(Events, maxAccounts, minComponent).Order(StringComparer.Ordinal));

    [Fact]
    public void Flag_MatchesComponentsFoundByBreadthFirstSearch()
    {
        var e = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 4], Gen.Int[0, 5], (account, kind, value) => Event(
            $"a{account}",
            instrument: kind == 1 ? $"c{value}" : null,
            device: kind == 2 ? $"d{value}" : null,
            ip: kind == 3 ? $"10.0.{value}.0/24" : null,
            template: kind == 4 ? $"t{value}" : null));
        Gen.Select(e.Array[0, 40], Gen.Int[1, 6], Gen.Int[1, 6]).Sample((events, maxAccounts, minComponent) =>
            TwentyLineBaseline.Flag(events, maxAccounts, minComponent).SetEquals(Reference(events, maxAccounts, minComponent)));
    }

    [Fact]
    public void Grid_CountsEachSettingsFlagsByFamily_AndPlainComponentsIsTheBaselineWithNothingIgnored()
    {
        var labels = new Dictionary<string, LabelledAccount>
        {
            ["a1"] = new("a1", true, "ring"), ["a2"] = new("a2", true, "ring"), ["a4"] = new("a4", true, "ring"),
            ["a3"] = new("a3", false, "household"), ["a5"] = new("a5", false, "household"), ["a6"] = new("a6", false, "single"),
        };

        var grid = BaselineGrid.Of(Events, labels);

        Assert.Equal(BaselineGrid.MaxAccountsPerIdentifier.Length * BaselineGrid.MinComponent.Length, grid[BaselineGrid.TwentyLine].Count);
        foreach (var point in grid[BaselineGrid.TwentyLine])
        {
            var flagged = TwentyLineBaseline.Flag(Events, (int)point.Parameters["max_accounts_per_identifier"], (int)point.Parameters["min_component"]);
            Assert.Equal(ByFamily(flagged, labels), point.FlaggedByFamily);
        }

        foreach (var point in grid[BaselineGrid.PlainComponents])
        {
            Assert.Equal(ByFamily(Baselines.PlainComponents(Events, (int)point.Parameters["min_component"]), labels), point.FlaggedByFamily);
        }

        Assert.Equal(BaselineGrid.MinRequests.Length * BaselineGrid.MinCapabilityShare.Length, grid[BaselineGrid.PerAccountRules].Count);
        // N = 10 keeps the card: the five sharing accounts make one component, found at K = 2, 3 and 5.
        var five = grid[BaselineGrid.TwentyLine].Single(p => p.Parameters["max_accounts_per_identifier"] == 10 && p.Parameters["min_component"] == 5);
        Assert.Equal(new SortedDictionary<string, int> { ["household"] = 2, ["ring"] = 3 }, five.FlaggedByFamily);
    }

    private static SortedDictionary<string, int> ByFamily(IEnumerable<string> flagged, IReadOnlyDictionary<string, LabelledAccount> labels) =>
        new(flagged.Where(labels.ContainsKey).GroupBy(a => labels[a].Group).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    /// <summary>The definition, plainly: accounts joined through identifiers few enough accounts share, searched breadth first.</summary>
    private static HashSet<string> Reference(DistillEvent[] events, int maxAccounts, int minComponent)
    {
        var byIdentifier = events.SelectMany(e => e.LinkedEntities().Select(i => (Identifier: i, e.Account)))
            .GroupBy(p => p.Identifier, p => p.Account)
            .Select(g => g.Distinct().ToList())
            .Where(accounts => accounts.Count <= maxAccounts)
            .ToList();
        var flagged = new HashSet<string>();
        var seen = new HashSet<string>();
        foreach (var start in events.Select(e => e.Account).Distinct())
        {
            if (!seen.Add(start))
            {
                continue;
            }

            var component = new List<string> { start };
            var queue = new Queue<string>([start]);
            while (queue.TryDequeue(out var account))
            {
                foreach (var next in byIdentifier.Where(s => s.Contains(account)).SelectMany(s => s).Where(seen.Add))
                {
                    component.Add(next);
                    queue.Enqueue(next);
                }
            }

            if (component.Count >= minComponent)
            {
                flagged.UnionWith(component);
            }
        }

        return flagged;
    }

    private static DistillEvent Event(string account, string? instrument = null, string? device = null, string? ip = null, string? template = null) =>
        new() { Type = EventType.Usage, Account = account, At = T0, Instrument = instrument, Device = device, IpRange = ip, Template = template, Requests = 1 };
}
