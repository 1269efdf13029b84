using Orleans.Distill.Events;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Host.Api;

/// <summary>
/// A queue item: a component (<see cref="Id"/> its id) or a hub (<see cref="Kind"/> <c>hub</c>, <see cref="Id"/> its
/// node key). <see cref="AgeDays"/> counts from its oldest account's signup to the latest event time.
/// </summary>
public sealed record QueueItemModel(
    string Id,
    string Kind,
    long Accounts,
    long Entities,
    double Score,
    Decision Decision,
    IReadOnlyList<ReasonModel> Reasons,
    DateTime? FirstSignup,
    int? AgeDays,
    ClaimModel? Claim,
    DecidedModel? Decided);

public sealed record ClaimModel(string Item, string Who, DateTime At);

/// <summary>The last analyst verdict on a queue item as a whole.</summary>
public sealed record DecidedModel(string Kind, Verdict? Verdict, string Who, DateTime At, string Why);

/// <summary>
/// One member account of a component, with its own decision (as <c>GET /v1/accounts/{account}</c> gives it).
/// <see cref="ActiveDays"/>: the days it sent traffic, within the window.
/// </summary>
public sealed record MemberModel(
    string Account,
    double Score,
    Decision Decision,
    Verdict? Label,
    DateTime? SignupAt,
    DateTime FirstSeen,
    DateTime LastSeen,
    long Requests,
    long Tokens,
    int Links,
    IReadOnlyList<string> ActiveDays);

public sealed record MembersModel(string Component, IReadOnlyList<MemberModel> Members, string? ResolvedFrom);

/// <summary>
/// A node a search found: <see cref="Component"/> is where the console lands (null for a hub or benign identifier,
/// which joins no component); <see cref="LinkedAccounts"/> names up to 200 of its <see cref="Accounts"/>.
/// </summary>
public sealed record SearchMatchModel(string Kind, string Value, string? Component, bool Hub, bool Benign, int Accounts, IReadOnlyList<string> LinkedAccounts)
{
    /// <summary>For a hub or benign identifier: the components of <see cref="LinkedAccounts"/>, with how many each holds.</summary>
    public IReadOnlyList<ComponentShareModel>? AccountComponents { get; init; }
}

public sealed record ComponentShareModel(string Component, int Accounts);

public sealed record SearchResponse(string Query, IReadOnlyList<SearchMatchModel> Matches);
