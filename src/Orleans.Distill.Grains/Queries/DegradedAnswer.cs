using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>What a risk check decides when part of the graph could not be read in time.</summary>
public static class DegradedAnswer
{
    /// <summary>
    /// Open: the decision of what was read. Closed: at least review, since what was not read might have denied;
    /// a decision raised so says why, with a <c>degraded</c> reason whose value is the number of lookups left out.
    /// The score stays that of what was read.
    /// </summary>
    public static Assessment Decide(Assessment read, int unread, RiskOptions options)
    {
        if (unread == 0 || !options.FailsClosed || read.Decision >= Decision.Review)
        {
            return read;
        }

        return read with { Decision = Decision.Review, Reasons = [new Reason(FeatureNames.Degraded, unread, 0), .. read.Reasons] };
    }
}
