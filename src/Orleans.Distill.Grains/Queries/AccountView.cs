using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>An account with the component it belongs to now, its score and each link with its entity's hub status.</summary>
public sealed record AccountView(AccountSnapshot Account, string Component, Assessment Assessment, IReadOnlyList<LinkView> Links)
{
    /// <summary>The verdict the account is remembered for, when one is held.</summary>
    public RememberedVerdict? Remembered { get; init; }

    /// <summary>What its current evidence alone says: its own decision in its component, before memory and labels.</summary>
    public Assessment Evidence { get; init; } = Assessment.Unscored;
}

public sealed record LinkView(string Entity, LinkRecord Link, bool Hub, bool Benign);
