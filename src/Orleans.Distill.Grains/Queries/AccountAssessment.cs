using Orleans.Distill.Events;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// An existing account's risk: its own decision in its component (see <c>CoreDecisions</c>), or the verdict it is
/// remembered for if that is worse, then its own label. A hub it links to decides nothing: a hub is shared
/// infrastructure (one whose accounts look like one operator's glues instead, and is judged with its component).
/// </summary>
public static class AccountAssessment
{
    /// <summary>
    /// <paramref name="component"/> is the account's root (null if it could not be read); <paramref name="remembered"/>
    /// its verdict, if one is held.
    /// </summary>
    public static Assessment Of(AccountSnapshot account, ComponentNode? component, RememberedVerdict? remembered, ScoringOptions scoring)
    {
        var assessment = component?.Assessment?.Of(NodeKey.Account(account.Account)) ?? Assessment.Unscored;
        return WithLabel(WithRemembered(assessment, remembered), account.Label, account.LabelSource, scoring);
    }

    /// <summary>A remembered verdict worse than the current evidence stands, explained as remembered.</summary>
    public static Assessment WithRemembered(Assessment assessment, RememberedVerdict? remembered) =>
        remembered is not null && remembered.Decision > assessment.Decision
            ? remembered.ToAssessment() with { Score = Math.Max(remembered.Score, assessment.Score) }
            : assessment;

    /// <summary>
    /// A verdict on the account itself outweighs what its groups suggest: a fraud label denies it, a benign
    /// label allows it.
    /// </summary>
    public static Assessment WithLabel(Assessment assessment, Verdict? label, string? source, ScoringOptions scoring) => label switch
    {
        Verdict.Fraud => new Assessment(Math.Max(assessment.Score, scoring.DenyAt), Decision.Deny,
            [new Reason("labelled", 1, 0, source), .. assessment.Reasons]),
        Verdict.Benign => assessment with { Decision = Decision.Allow, Reasons = [new Reason("labelled", 0, 0, source), .. assessment.Reasons] },
        _ => assessment,
    };
}
