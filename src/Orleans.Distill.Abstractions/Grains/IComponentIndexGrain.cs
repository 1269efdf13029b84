using Orleans.Concurrency;
using Orleans.Distill.Events;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Grains;

/// <summary>
/// One partition of the index of live components (two or more nodes) and hubs: what <c>GET /v1/components</c>
/// and <c>GET /v1/flagged</c> read, and the queue of what must be rebuilt — changed, or holding a link the
/// window is about to drop. Keyed by partition number.
/// </summary>
[Alias("distill.IComponentIndexGrain")]
public interface IComponentIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Marks components or hubs changed (adding them if new) and drops absorbed ones.</summary>
    [Alias("Touch")]
    Task Touch(IReadOnlyList<IndexTouch> touched, IReadOnlyList<string> removals);

    /// <summary>Leases up to <paramref name="max"/> entries that are due for a rebuild at <paramref name="watermark"/>.</summary>
    [Alias("TakeDue")]
    Task<IReadOnlyList<RebuildTicket>> TakeDue(DateTime watermark, int max);

    /// <summary>Records rebuilds: new scores and expiries, removals, and pieces of splits.</summary>
    [Alias("Complete")]
    Task Complete(IReadOnlyList<RebuildOutcome> outcomes);

    /// <summary>Gives back leases of rebuilds that failed, so they are retried soon rather than when the lease ends.</summary>
    [Alias("Release")]
    Task Release(IReadOnlyList<string> ids);

    /// <summary>Records accounts' current labels (this partition's share, by account id).</summary>
    [Alias("SetLabels")]
    Task SetLabels(IReadOnlyList<AccountLabel> labels);

    /// <summary>Every labelled account of this partition, with its current verdict.</summary>
    [Alias("Labels"), ReadOnly]
    Task<IReadOnlyList<AccountLabel>> Labels();

    /// <summary>Remembers flagged accounts (this partition's share): the worst decision each reached.</summary>
    [Alias("RememberVerdicts")]
    Task RememberVerdicts(IReadOnlyList<AccountVerdict> verdicts);

    /// <summary>Every remembered verdict of this partition.</summary>
    [Alias("Verdicts"), ReadOnly]
    Task<IReadOnlyList<AccountVerdict>> Verdicts();

    [Alias("VerdictOf"), ReadOnly]
    Task<RememberedVerdict?> VerdictOf(string account);

    /// <summary>An analyst clears an account: its remembered verdict is dropped (current evidence still counts).</summary>
    [Alias("ForgetVerdict")]
    Task<bool> ForgetVerdict(string account);

    [Alias("Top"), ReadOnly]
    Task<IReadOnlyList<ComponentSummary>> Top(int count, bool byScore);

    /// <summary>Every entry whose decision is review or deny.</summary>
    [Alias("Flagged"), ReadOnly]
    Task<IReadOnlyList<ComponentSummary>> Flagged();

    /// <summary>Entries changed and not yet rebuilt.</summary>
    [Alias("Backlog"), ReadOnly]
    Task<int> Backlog();
}

/// <summary>A component's (or a hub's) size and score as last reported; a higher <see cref="Version"/> always wins.</summary>
[GenerateSerializer, Immutable, Alias("distill.component-summary")]
public sealed record ComponentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] long Accounts,
    [property: Id(2)] long Entities,
    [property: Id(3)] long Version)
{
    [Id(4)] public bool IsHub { get; init; }
    [Id(5)] public Assessment Assessment { get; init; } = Assessment.Unscored;
    [Id(6)] public DateTime? ExpiresAt { get; init; }
}

/// <summary>An account's current label: a fraud label denies it wherever it sits, a benign label allows it.</summary>
[GenerateSerializer, Immutable, Alias("distill.account-label")]
public sealed record AccountLabel(
    [property: Id(0)] string Account,
    [property: Id(1)] Verdict Verdict);

[GenerateSerializer, Immutable, Alias("distill.account-verdict")]
public sealed record AccountVerdict(
    [property: Id(0)] string Account,
    [property: Id(1)] RememberedVerdict Verdict);

[GenerateSerializer, Immutable, Alias("distill.index-touch")]
public sealed record IndexTouch(
    [property: Id(0)] string Id,
    [property: Id(1)] bool IsHub,
    [property: Id(2)] long Accounts,
    [property: Id(3)] long Entities,
    [property: Id(4)] long Version)
{
    /// <summary>
    /// The component has merges left to make (a rebuild's were cut short): it is queued for a rebuild even if it
    /// is a lone node, which the index otherwise leaves out.
    /// </summary>
    [Id(5)] public bool Repair { get; init; }
}

/// <summary>A leased rebuild; <see cref="Sequence"/> tells a later change from the one being rebuilt.</summary>
[GenerateSerializer, Immutable, Alias("distill.rebuild-ticket")]
public sealed record RebuildTicket(
    [property: Id(0)] string Id,
    [property: Id(1)] bool IsHub,
    [property: Id(2)] long Sequence);

/// <summary>
/// The result of a rebuild for one index entry: <see cref="Summary"/> null removes it. <see cref="Sequence"/> is
/// the ticket's (0 for a new piece of a split): the entry stays due if it changed again meanwhile.
/// </summary>
[GenerateSerializer, Immutable, Alias("distill.rebuild-outcome")]
public sealed record RebuildOutcome(
    [property: Id(0)] string Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] ComponentSummary? Summary);
