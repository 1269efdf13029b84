using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// A risk answer: the score, decision and reasons, and the component the account belongs to (or would join;
/// null when it would stand alone). <see cref="Components"/> lists every component a new account would merge.
/// </summary>
public sealed record RiskView(Assessment Assessment, string? Component, IReadOnlyList<string> Components);
