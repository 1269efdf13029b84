using Orleans.Distill.Scoring;

namespace Orleans.Distill.Detection;

/// <summary>
/// Each account's own decision within a flagged component: an account is judged on its core (the accounts it shares
/// cards and devices with, see <see cref="ComponentPartition.Piece.Cores"/>). A core that is suspect on its own answers
/// for the worse of itself and the component, so a ring's accounts carry the whole ring's evidence; a core that is
/// not (a family on its card, a single on a range the ring's proxies also use) is allowed on its own evidence. A
/// ring that households' ranges tie to those households is judged without them: its core is suspect on its own,
/// however ordinary the component looks as a whole.
/// </summary>
public static class CoreDecisions
{
    /// <summary>The accounts (node keys) whose own assessment differs from <paramref name="component"/>'s decision.</summary>
    public static Dictionary<string, Assessment> Of(IEnumerable<ComponentPartition.Core> cores, Assessment component, RiskScorer scorer)
    {
        var own = new Dictionary<string, Assessment>();
        foreach (var core in cores)
        {
            var assessment = scorer.Score(core.Features);
            var decided = assessment.Decision >= Decision.Review ? Assessment.Max(assessment, component) : assessment;
            if (decided.Decision == component.Decision)
            {
                continue;
            }

            foreach (var account in core.Accounts)
            {
                own[account] = decided;
            }
        }

        return own;
    }
}
