using Orleans.Distill.Actions;
using Orleans.Distill.Events;
using Orleans.Distill.Queries;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Host.Api;

/// <summary>Bodies of the HTTP API (CONTRACT.md); serialized in snake_case.</summary>
public sealed record IngestResponse(int Accepted, IReadOnlyList<RejectedLine> Rejected, int Duplicates);

public sealed record ErrorResponse(string Error, string? Field = null);

/// <summary>A benign mark recorded and waiting for a second analyst: nothing changed yet.</summary>
public sealed record BenignPendingModel(string Status, AnalystAction Request);

/// <summary>A bug: <see cref="ErrorId"/> is also in the host's log line with the stack trace.</summary>
public sealed record InternalErrorResponse(string Error, string ErrorId);

/// <summary>A component named in a request has split: which components it became.</summary>
public sealed record SplitResponse(string Error, IReadOnlyList<string> SplitInto);

/// <summary><see cref="Weight"/> is what the feature added to the score's logit; <see cref="Entity"/> names a shared thing.</summary>
public sealed record ReasonModel(string Feature, double Value, double Weight, string? Entity)
{
    public static IReadOnlyList<ReasonModel> Of(Assessment assessment) =>
        [.. assessment.Reasons.Select(r => new ReasonModel(r.Feature, r.Value, r.Weight, r.Entity))];
}

public sealed record LinkModel(string Kind, string Entity, bool Hub, bool Benign, DateTime FirstSeen, DateTime LastSeen, long Count);

public sealed record AccountModel(
    string Account,
    string Component,
    double Score,
    Decision Decision,
    IReadOnlyList<ReasonModel> Reasons,
    IReadOnlyList<LinkModel> Links,
    DateTime? SignupAt,
    DateTime FirstSeen,
    DateTime LastSeen,
    long Requests,
    long Tokens,
    Verdict? Label,
    IReadOnlyList<AnalystAction> Actions)
{
    /// <summary>The verdict detection reached on the account and still holds, whatever its evidence now.</summary>
    public RememberedModel? Remembered { get; init; }

    /// <summary>When the account's personal fields were erased (<c>DELETE /v1/accounts/{id}</c>); absent if never.</summary>
    public DateTime? ErasedAt { get; init; }

    /// <summary>What its current evidence alone says, before remembered verdicts and labels.</summary>
    public EvidenceModel? Evidence { get; init; }
}

/// <summary>An account's score and decision from its current evidence alone (its own, within its component).</summary>
public sealed record EvidenceModel(double Score, Decision Decision);

/// <summary>A remembered verdict: <see cref="Since"/> when first reached, <see cref="Group"/> the component or hub that earned it.</summary>
public sealed record RememberedModel(Decision Decision, double Score, DateTime Since, DateTime LastSupported, string Group)
{
    public static RememberedModel? Of(RememberedVerdict? verdict) =>
        verdict is null ? null : new(verdict.Decision, verdict.Score, verdict.FirstFlagged, verdict.LastSupported, verdict.Group);
}

public sealed record ComponentSummaryModel(string Id, long Accounts, long Entities, double Score, Decision Decision, IReadOnlyList<ReasonModel> Reasons);

public sealed record EntityRefModel(string Kind, string Entity, bool Hub, bool Benign);

public sealed record ComponentModel(
    string Id,
    long Accounts,
    long Entities,
    IReadOnlyDictionary<string, long> Counts,
    double Score,
    Decision Decision,
    IReadOnlyList<ReasonModel> Reasons,
    IReadOnlyList<string> MemberAccounts,
    IReadOnlyList<EntityRefModel> MemberEntities,
    IReadOnlyList<AnalystAction> Actions,
    string? ResolvedFrom);

/// <summary>
/// A flagged account. <see cref="Since"/>: when detection first denied it, for a remembered verdict;
/// <see cref="Active"/>: whether the account's groups now still flag it (false: remembered or labelled only).
/// </summary>
public sealed record FlaggedModel(string Account, string Component, double Score, Decision Decision, DateTime? Since, bool Active);

/// <summary>
/// CONTRACT.md section 2; <see cref="Components"/> (an extension) lists every component the account would merge.
/// <see cref="Degraded"/>: part of the graph could not be read within the deadline, and <see cref="Unread"/> (only then)
/// says how many lookups were left out.
/// </summary>
public sealed record RiskModel(double Score, Decision Decision, string? Component, IReadOnlyList<ReasonModel> Reasons, IReadOnlyList<string>? Components = null)
{
    public bool Degraded { get; init; }

    public int? Unread { get; init; }

    public static RiskModel Of(RiskView view, IReadOnlyList<string>? components = null) =>
        new(view.Assessment.Score, view.Assessment.Decision, view.Component, ReasonModel.Of(view.Assessment), components)
        {
            Degraded = view.Degraded,
            Unread = view.Degraded ? view.Unread : null,
        };
}
