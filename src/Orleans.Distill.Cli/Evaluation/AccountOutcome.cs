namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// Where one labelled account ended: what <c>GET /v1/accounts/{id}</c> answered after the replay (<see cref="Score"/>
/// and <see cref="Decision"/> include remembered verdicts; <see cref="EvidenceScore"/> and
/// <see cref="EvidenceDecision"/> are what current evidence alone says), and when it was first seen flagged during
/// the replay (null: never). An account the host does not know (no events) answers <c>allow</c> at 0.
/// </summary>
public sealed record AccountOutcome(
    string Account,
    bool Fraud,
    string Family,
    bool Known,
    string? Component,
    double Score,
    string Decision,
    double EvidenceScore,
    string EvidenceDecision,
    FirstFlag? FirstFlagged)
{
    public static bool IsFlag(string decision) => decision is "review" or "deny";

    /// <summary>Review or deny at the end, remembered verdicts included.</summary>
    public bool Flagged => IsFlag(Decision);

    /// <summary>Review or deny at the end on current evidence alone.</summary>
    public bool EvidenceFlagged => IsFlag(EvidenceDecision);

    /// <summary>Flagged at the end only because a verdict is remembered: it must not count as evidence.</summary>
    public bool RememberedOnly => Flagged && !EvidenceFlagged;

    public bool EverFlagged => FirstFlagged is not null;
}
