using Orleans.Distill.Graph;

namespace Orleans.Distill.Queries;

/// <summary>A whole component as an analyst sees it: its root id, totals and every member.</summary>
public sealed record ComponentView(
    string Id,
    ComponentAggregate Aggregate,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Entities);

/// <summary>An account with the component it belongs to now.</summary>
public sealed record AccountView(Grains.AccountSnapshot Account, string Component);
