using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// A risk answer: the score, decision and reasons, and the component the account belongs to (or would join;
/// null when it would stand alone, or is not known because it could not be read). <see cref="Components"/> lists
/// every component a new account would merge. <see cref="Unread"/>: lookups (identifiers, components) that could
/// not be read within the deadline and were left out; the answer is then degraded.
/// </summary>
public sealed record RiskView(Assessment Assessment, string? Component, IReadOnlyList<string> Components)
{
    public int Unread { get; init; }

    public bool Degraded => Unread > 0;
}
