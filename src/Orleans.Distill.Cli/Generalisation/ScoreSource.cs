using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Cli.Generalisation;

/// <summary>
/// Which of an account's answers is judged: <see cref="Final"/> is what the host answers (remembered verdicts
/// included), <see cref="Evidence"/> what its current evidence alone says.
/// </summary>
public enum ScoreSource
{
    Final,
    Evidence,
}

public static class ScoreSourceExtensions
{
    public static double Score(this ScoreSource source, AccountOutcome account) =>
        source == ScoreSource.Evidence ? account.EvidenceScore : account.Score;

    public static string Decision(this ScoreSource source, AccountOutcome account) =>
        source == ScoreSource.Evidence ? account.EvidenceDecision : account.Decision;
}
