namespace Orleans.Distill.Scoring;

/// <summary>
/// One feature of a group as measured. <see cref="Value"/> is the feature as <c>reasons</c> give it;
/// <see cref="Factor"/> is how far the group's other features let it count (capability share as far as the traffic is
/// uniform, co-location only for a customer-sized place, 0 for a feature not yet measured). The hand-built score adds
/// weight × scale(value) × factor, taken at <see cref="RiskScorer.GroupScale"/> for group-only features; a learned
/// scorer reads the same measurements in its place. <see cref="Entity"/> names the shared thing when there is one.
/// </summary>
public readonly record struct Measurement(string Feature, double Value, double Factor, string? Entity = null);
