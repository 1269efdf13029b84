using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Tests.Simulation;

/// <summary>Account outcomes for tests: only what a test is about is given.</summary>
public static class Outcomes
{
    public static AccountOutcome Of(
        string account,
        string family,
        bool fraud,
        double score,
        string? decision = null,
        double? evidenceScore = null,
        string? evidenceDecision = null,
        string? component = null,
        FirstFlag? first = null)
    {
        var d = decision ?? (score >= 0.8 ? "deny" : score >= 0.5 ? "review" : "allow");
        return new AccountOutcome(account, fraud, family, true, component, score, d, evidenceScore ?? score, evidenceDecision ?? d, first);
    }
}
