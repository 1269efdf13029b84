using Orleans.Distill.Events;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>One setting of a baseline's parameters, and how many accounts of each family it flagged.</summary>
public sealed record BaselinePoint(SortedDictionary<string, double> Parameters, SortedDictionary<string, int> FlaggedByFamily);

/// <summary>
/// Each baseline over a grid of its parameters, on one stream: the counts <c>generalise</c> tunes the baselines
/// from on some worlds and measures them with on others, so no baseline is judged at parameters picked for it by
/// hand. Only labelled accounts are counted.
/// </summary>
public static class BaselineGrid
{
    public const string TwentyLine = "twenty_line";
    public const string PlainComponents = "plain_components";
    public const string PerAccountRules = "per_account_rules";

    public static readonly int[] MaxAccountsPerIdentifier = [10, 20, 50, 100, 200];
    public static readonly int[] MinComponent = [2, 3, 5, 10, 20];
    public static readonly int[] PlainMinComponent = [2, 3, 5, 10, 20, 50, 100];
    public static readonly long[] MinRequests = [2_000, 5_000, 15_000, 50_000];
    public static readonly double[] MinCapabilityShare = [0.5, 0.65, 0.8, 0.9];

    public static SortedDictionary<string, List<BaselinePoint>> Of(IReadOnlyList<DistillEvent> events, IReadOnlyDictionary<string, LabelledAccount> labels)
    {
        var links = TwentyLineBaseline.Links.Of(events);
        var twentyLine = new List<BaselinePoint>();
        foreach (var n in MaxAccountsPerIdentifier)
        {
            var sizes = TwentyLineBaseline.ComponentSizes(links, n);
            twentyLine.AddRange(MinComponent.Select(k => Point(TwentyLineBaseline.Flag(sizes, k), labels, ("max_accounts_per_identifier", n), ("min_component", k))));
        }

        // Plain components are the 20-line baseline with no identifier ignored.
        var allSizes = TwentyLineBaseline.ComponentSizes(links, int.MaxValue);
        var plain = PlainMinComponent.Select(k => Point(TwentyLineBaseline.Flag(allSizes, k), labels, ("min_component", k))).ToList();

        var traffic = Baselines.Traffic(events);
        var rules = MinRequests.SelectMany(r => MinCapabilityShare.Select(s =>
            Point(Baselines.PerAccountRules(traffic, r, s), labels, ("min_requests", r), ("min_capability_share", s)))).ToList();

        return new SortedDictionary<string, List<BaselinePoint>>(StringComparer.Ordinal)
        {
            [TwentyLine] = twentyLine,
            [PlainComponents] = plain,
            [PerAccountRules] = rules,
        };
    }

    public static BaselinePoint Point(IEnumerable<string> flagged, IReadOnlyDictionary<string, LabelledAccount> labels, params (string Name, double Value)[] parameters)
    {
        var byFamily = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var account in flagged)
        {
            if (labels.TryGetValue(account, out var label))
            {
                byFamily[label.Group] = byFamily.GetValueOrDefault(label.Group) + 1;
            }
        }

        return new BaselinePoint(new SortedDictionary<string, double>(parameters.ToDictionary(p => p.Name, p => p.Value), StringComparer.Ordinal), byFamily);
    }
}
