using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>An account with the component it belongs to now, its score and each link with its entity's hub status.</summary>
public sealed record AccountView(AccountSnapshot Account, string Component, Assessment Assessment, IReadOnlyList<LinkView> Links);

public sealed record LinkView(string Entity, LinkRecord Link, bool Hub, bool Benign);
