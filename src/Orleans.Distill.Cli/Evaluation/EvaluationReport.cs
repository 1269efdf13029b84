using System.Text.Json.Serialization;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// What <c>evaluate</c> writes to <c>evaluation.json</c>, and what <c>generalise</c> reads back. The first members
/// are the summary; <see cref="Families"/>, <see cref="AccountOutcomes"/> and <see cref="BaselineGrid"/> are what
/// lets results be re-scored at other thresholds and parameters without replaying.
/// </summary>
public sealed record EvaluationReport(
    int Events,
    int Accounts,
    int BatchesResent,
    SortedDictionary<string, DetectorResult> Detectors,
    SortedDictionary<string, CampaignResult> Campaigns)
{
    /// <summary>The world evaluated: a simulated seed (<c>seed-11</c>) or a real data set (<c>yelpchi</c>).</summary>
    public string? World { get; init; }

    /// <summary>The parameters the single-setting baselines in <see cref="Detectors"/> ran with.</summary>
    public SortedDictionary<string, double>? BaselineParameters { get; init; }

    /// <summary>Per family, campaign and organic.</summary>
    public SortedDictionary<string, FamilyResult>? Families { get; init; }

    /// <summary>Every labelled account's final answer and first flag.</summary>
    public List<AccountOutcome>? AccountOutcomes { get; init; }

    /// <summary>Each baseline over its grid of parameters (<see cref="Evaluation.BaselineGrid"/>).</summary>
    public SortedDictionary<string, List<BaselinePoint>>? BaselineGrid { get; init; }

    /// <summary>The chart's data: left out of the JSON, which holds the summary.</summary>
    [JsonIgnore]
    public IReadOnlyList<(DateTime At, Dictionary<string, double> Shares)> Series { get; init; } = [];

    /// <summary>Every labelled account's features, when asked for: written to <c>features.csv</c>, not to the JSON.</summary>
    [JsonIgnore]
    public FeatureTable? FeatureTable { get; init; }
}

public sealed record DetectorResult(DetectionScore Score, SortedDictionary<string, double> FalsePositiveRateByKind)
{
    public static DetectorResult Of(IReadOnlyCollection<string> flagged, IReadOnlyDictionary<string, LabelledAccount> labels) =>
        new(DetectionScore.Of(flagged, labels), DetectionScore.FalsePositiveRateByKind(flagged, labels));
}
