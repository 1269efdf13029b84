using Orleans.Distill.Serialization;

namespace Orleans.Distill.Scoring;

/// <summary>A score in [0, 1], the decision it maps to, and the reasons: the largest contributions first.</summary>
[GenerateSerializer, Immutable, Alias("distill.assessment")]
public sealed record Assessment(
    [property: Id(0)] double Score,
    [property: Id(1)] Decision Decision,
    IReadOnlyList<Reason> Reasons)
{
    [Id(2)] public IReadOnlyList<Reason> Reasons { get; init => field = WireList.Of(value); } = WireList.Of(Reasons);

    public static readonly Assessment Unscored = new(0, Decision.Allow, []);

    /// <summary>The higher of two assessments: an account answers for the worst group it belongs to.</summary>
    public static Assessment Max(Assessment a, Assessment b) => b.Score > a.Score ? b : a;
}

/// <summary>
/// One feature's part in a score. <see cref="Value"/> is the feature as measured; <see cref="Weight"/> is what it
/// added to the score's logit; <see cref="Entity"/> names the shared thing when the feature is about one.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.reason")]
public sealed record Reason(
    [property: Id(0)] string Feature,
    [property: Id(1)] double Value,
    [property: Id(2)] double Weight,
    [property: Id(3)] string? Entity = null);
