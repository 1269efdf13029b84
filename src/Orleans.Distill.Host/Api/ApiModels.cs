using Orleans.Distill.Events;

namespace Orleans.Distill.Host.Api;

/// <summary>Bodies of the HTTP API (CONTRACT.md); serialized in snake_case.</summary>
public sealed record IngestResponse(int Accepted, IReadOnlyList<RejectedLine> Rejected, int Duplicates);

public sealed record ErrorResponse(string Error, string? Field = null);

public sealed record ReasonModel(string Feature, double Value, double Weight);

public sealed record LinkModel(string Kind, string Entity, bool Hub, DateTime FirstSeen, DateTime LastSeen, long Count);

public sealed record AccountModel(
    string Account,
    string Component,
    double Score,
    string Decision,
    IReadOnlyList<ReasonModel> Reasons,
    IReadOnlyList<LinkModel> Links,
    DateTime? SignupAt,
    DateTime FirstSeen,
    DateTime LastSeen,
    long Requests,
    long Tokens,
    string? Label);

public sealed record ComponentSummaryModel(string Id, long Accounts, long Entities, double Score, string Decision, IReadOnlyList<ReasonModel> Reasons);

public sealed record EntityRefModel(string Kind, string Entity, bool Hub);

public sealed record ComponentModel(
    string Id,
    long Accounts,
    long Entities,
    IReadOnlyDictionary<string, long> Counts,
    double Score,
    string Decision,
    IReadOnlyList<ReasonModel> Reasons,
    IReadOnlyList<string> MemberAccounts,
    IReadOnlyList<EntityRefModel> MemberEntities,
    string? ResolvedFrom);

public sealed record FlaggedModel(string Account, string Component, double Score, string Decision);
