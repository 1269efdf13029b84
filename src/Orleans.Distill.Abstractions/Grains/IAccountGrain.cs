using Orleans.Concurrency;
using Orleans.Distill.Events;
using Orleans.Distill.Actions;
using Orleans.Distill.Graph;
using Orleans.Distill.Retention;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Grains;

/// <summary>An API account, keyed by its account id. Holds its links and the events it has applied.</summary>
[Alias("distill.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies this account's events from one batch (skipping any already applied) with one storage write,
    /// and returns every link the batch touched, as the account now records it.
    /// </summary>
    [Alias("Apply")]
    Task<AccountApplyResult> Apply(IReadOnlyList<DistillEvent> events, DateTime watermark);

    [Alias("Get"), ReadOnly]
    Task<AccountSnapshot?> Get();

    /// <summary>What the account contributes to a group's features, with its links; null if it does not exist.</summary>
    [Alias("GetProfile"), ReadOnly]
    Task<AccountProfile?> GetProfile();

    /// <summary>
    /// Points the account at the component it is now a direct member of. With <paramref name="expected"/>, only if
    /// it still points there: two callers placing a lost account cannot both win.
    /// </summary>
    [Alias("Repoint")]
    Task<bool> Repoint(string component, string? expected);

    /// <summary>Keeps an analyst's action on the account, for the record.</summary>
    [Alias("Record")]
    Task Record(AnalystAction action);

    /// <summary>Deletes links and usage older than the cutoffs (retention); null if the account does not exist.</summary>
    [Alias("Prune")]
    Task<AccountPruneResult?> Prune(RetentionCutoffs cutoffs);

    /// <summary>
    /// Erases the account's personal fields and records <paramref name="action"/> on it; pseudonymous graph evidence
    /// stays. Null if the account does not exist. Erasing again changes nothing and answers as the first time did.
    /// </summary>
    [Alias("Erase")]
    Task<AccountErasure?> Erase(AnalystAction action);
}

/// <summary>What a retention sweep deleted from an account: the entities it no longer links to.</summary>
[GenerateSerializer, Immutable, Alias("distill.account-prune-result")]
public sealed record AccountPruneResult(
    [property: Id(0)] string Component,
    [property: Id(1)] IReadOnlyList<string> DroppedLinks,
    [property: Id(2)] bool UsageDropped);

/// <summary>The fields an erasure emptied (none when they were already empty), and when the account was first erased.</summary>
[GenerateSerializer, Immutable, Alias("distill.account-erasure")]
public sealed record AccountErasure(
    [property: Id(0)] IReadOnlyList<string> Erased,
    [property: Id(1)] DateTime ErasedAt,
    [property: Id(2)] string Component);

[GenerateSerializer, Immutable, Alias("distill.account-apply-result")]
public sealed record AccountApplyResult(
    [property: Id(0)] string Component,
    [property: Id(1)] int Applied,
    [property: Id(2)] IReadOnlyList<LinkUpdate> Links)
{
    /// <summary>The account's label after the batch (the latest in event time), for the index of labelled accounts.</summary>
    [Id(3)] public Verdict? Label { get; init; }

    /// <summary>The account's latest event after the batch: its cards and devices stay evidence while it is active.</summary>
    [Id(4)] public DateTime LastSeen { get; init; }
}

[GenerateSerializer, Immutable, Alias("distill.account-snapshot")]
public sealed record AccountSnapshot
{
    [Id(0)] public required string Account { get; init; }
    [Id(1)] public required string Component { get; init; }
    [Id(2)] public DateTime? SignupAt { get; init; }
    [Id(3)] public DateTime FirstSeen { get; init; }
    [Id(4)] public DateTime LastSeen { get; init; }
    [Id(5)] public required IReadOnlyList<LinkUpdate> Links { get; init; }
    [Id(6)] public long Requests { get; init; }
    [Id(7)] public long Tokens { get; init; }
    [Id(8)] public long EventsApplied { get; init; }
    [Id(9)] public Verdict? Label { get; init; }
    [Id(10)] public IReadOnlyList<AnalystAction> Actions { get; init; } = [];
    [Id(11)] public string? LabelSource { get; init; }

    /// <summary>When the account's personal fields were erased; null if never.</summary>
    [Id(12)] public DateTime? ErasedAt { get; init; }
}
