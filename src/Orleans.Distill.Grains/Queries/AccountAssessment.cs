using Orleans.Distill.Events;
using Orleans.Distill.Grains;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>An existing account's risk: the worst of its component and the non-benign hubs it links to, then its own label.</summary>
public static class AccountAssessment
{
    /// <summary>
    /// <paramref name="component"/> is the account's root (null if it could not be read); <paramref name="hubs"/>
    /// the entities it links to, as far as they were read.
    /// </summary>
    public static Assessment Of(AccountSnapshot account, ComponentNode? component, IEnumerable<EntityInfo?> hubs, ScoringOptions scoring)
    {
        var assessment = component?.Assessment?.Assessment ?? Assessment.Unscored;
        foreach (var info in hubs)
        {
            if (info is { Hub: true, Benign: false, Assessment: { } hub })
            {
                assessment = Assessment.Max(assessment, hub);
            }
        }

        return WithLabel(assessment, account.Label, account.LabelSource, scoring);
    }

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
