namespace Orleans.Distill.Cli.Generalisation;

/// <summary>
/// The targets <c>generalise</c> tunes to. <see cref="ReviewPrecision"/> and <see cref="DenyPrecision"/>: the
/// review (deny) threshold lies halfway between the lowest score whose flagged tuning accounts reach this precision
/// and the next score below it (<see cref="ThresholdTuning.Cut"/>).
/// <see cref="BaselinePrecision"/>: baselines take the setting of best F1 among those reaching it.
/// <see cref="RealPrecision"/>: on a real data set, F1 counts only at this precision or better.
/// <see cref="EarlyShare"/>: a campaign is caught early when first flagged before this share of its traffic.
/// </summary>
public sealed record GeneralisationSettings(
    double ReviewPrecision = 0.99,
    double DenyPrecision = 0.99,
    double BaselinePrecision = 0.9,
    double RealPrecision = 0.9,
    double EarlyShare = 0.05,
    ScoreSource Score = ScoreSource.Final);
