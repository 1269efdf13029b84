using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Components;

public sealed class ComponentIndexGrain(
    [PersistentState("component-index", StorageNames.Graph)] IPersistentState<ComponentIndexState> state,
    IOptions<DetectionOptions> detection,
    TimeProvider clock) : Grain, IComponentIndexGrain
{
    /// <summary>A component of one node cannot split and shares nothing: not worth listing or rebuilding.</summary>
    public const int MinNodes = 2;

    // Leases are runtime only: after a restart every due entry is simply due again.
    private readonly Dictionary<string, DateTime> _leases = [];

    private Dictionary<string, ComponentIndexEntry> Entries => state.State.Entries;

    public async Task Touch(IReadOnlyList<IndexTouch> touched, IReadOnlyList<string> removals)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = false;
        foreach (var id in removals)
        {
            changed |= Entries.Remove(id);
        }

        foreach (var touch in touched)
        {
            if (!Entries.TryGetValue(touch.Id, out var entry))
            {
                if (!touch.IsHub && !touch.Repair && touch.Accounts + touch.Entities < MinNodes)
                {
                    continue;
                }

                Entries[touch.Id] = new ComponentIndexEntry
                {
                    Summary = new ComponentSummary(touch.Id, touch.Accounts, touch.Entities, touch.Version) { IsHub = touch.IsHub },
                    DirtySequence = 1,
                    DirtySince = now,
                };
                changed = true;
                continue;
            }

            if (touch.Version > entry.Summary.Version)
            {
                entry.Summary = entry.Summary with { Accounts = touch.Accounts, Entities = touch.Entities, Version = touch.Version };
            }

            // Only the step from clean to dirty is worth a write: a restart finds the entry due either way.
            if (!entry.Dirty)
            {
                entry.DirtySince = now;
                changed = true;
            }

            entry.DirtySequence++;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task SetLabels(IReadOnlyList<AccountLabel> labels)
    {
        var changed = false;
        foreach (var label in labels)
        {
            if (!state.State.Labels.TryGetValue(label.Account, out var known) || known != label.Verdict)
            {
                state.State.Labels[label.Account] = label.Verdict;
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RememberVerdicts(IReadOnlyList<AccountVerdict> verdicts)
    {
        var changed = false;
        foreach (var (account, verdict) in verdicts)
        {
            var known = state.State.Verdicts.GetValueOrDefault(account);
            var merged = RememberedVerdict.Merge(known, verdict);
            // Only a worse verdict, or support a day newer, is worth a write: re-scoring a ring every few seconds
            // must not rewrite the partition each time.
            if (known is null || merged.Decision != known.Decision || merged.Score > known.Score
                || merged.LastSupported - known.LastSupported >= TimeSpan.FromDays(1))
            {
                state.State.Verdicts[account] = merged;
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<AccountVerdict>> Verdicts() =>
        Task.FromResult<IReadOnlyList<AccountVerdict>>([.. state.State.Verdicts.Select(kv => new AccountVerdict(kv.Key, kv.Value))]);

    public Task<RememberedVerdict?> VerdictOf(string account) => Task.FromResult(state.State.Verdicts.GetValueOrDefault(account));

    public async Task<bool> ForgetVerdict(string account)
    {
        if (!state.State.Verdicts.Remove(account))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<AccountLabel>> Labels() =>
        Task.FromResult<IReadOnlyList<AccountLabel>>([.. state.State.Labels.Select(kv => new AccountLabel(kv.Key, kv.Value))]);

    public Task<IReadOnlyList<RebuildTicket>> TakeDue(DateTime watermark, int max)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var delay = detection.Value.RescoreDelay;
        var candidates = new List<(string Id, long Accounts, DateTime Waiting)>();
        foreach (var (id, entry) in Entries)
        {
            var expired = entry.Summary.ExpiresAt is { } expires && watermark > expires;
            var changed = entry.Dirty && now >= entry.DirtySince + delay;
            if ((!expired && !changed) || now < entry.NotBefore || (_leases.TryGetValue(id, out var lease) && lease > now))
            {
                continue;
            }

            candidates.Add((id, entry.Summary.Accounts, entry.Dirty ? entry.DirtySince : entry.NotBefore));
        }

        var due = new List<RebuildTicket>();
        foreach (var id in DueSelection.Take(candidates, max))
        {
            var entry = Entries[id];
            _leases[id] = now + detection.Value.RebuildLease;
            due.Add(new RebuildTicket(id, entry.Summary.IsHub, entry.DirtySequence));
        }

        return Task.FromResult<IReadOnlyList<RebuildTicket>>(due);
    }

    public async Task Complete(IReadOnlyList<RebuildOutcome> outcomes)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var outcome in outcomes)
        {
            _leases.Remove(outcome.Id);
            if (outcome.Summary is not { } summary)
            {
                Entries.Remove(outcome.Id);
                continue;
            }

            if (!summary.IsHub && summary.Accounts + summary.Entities < MinNodes)
            {
                // A lone node is not listed, unless it was queued for a repair after the rebuild that reports it.
                if (!Entries.TryGetValue(outcome.Id, out var queued) || queued.DirtySequence <= outcome.Sequence)
                {
                    Entries.Remove(outcome.Id);
                }

                continue;
            }

            if (!Entries.TryGetValue(outcome.Id, out var entry))
            {
                Entries[outcome.Id] = entry = new ComponentIndexEntry { Summary = summary };
            }

            if (summary.Version >= entry.Summary.Version)
            {
                entry.Summary = summary;
            }

            if (outcome.Sequence >= entry.DirtySequence)
            {
                entry.DoneSequence = entry.DirtySequence;
            }

            entry.NotBefore = now + (detection.Value.RescoreDelayPerAccount * summary.Accounts);
        }

        await state.WriteStateAsync();
    }

    public Task Release(IReadOnlyList<string> ids)
    {
        var retry = clock.GetUtcNow().UtcDateTime + detection.Value.RescoreDelay;
        foreach (var id in ids)
        {
            _leases.Remove(id);
            if (Entries.TryGetValue(id, out var entry))
            {
                // In memory only: after a restart every due entry is due anyway.
                entry.NotBefore = retry;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ComponentSummary>> Top(int count, bool byScore)
    {
        var live = Entries.Values.Select(e => e.Summary).Where(s => !s.IsHub);
        var ordered = byScore
            ? live.OrderByDescending(s => s.Assessment.Score).ThenByDescending(s => s.Accounts)
            : live.OrderByDescending(s => s.Accounts).ThenByDescending(s => s.Entities);
        return Task.FromResult<IReadOnlyList<ComponentSummary>>([.. ordered.ThenBy(s => s.Id, StringComparer.Ordinal).Take(count)]);
    }

    public Task<IReadOnlyList<ComponentSummary>> Flagged() =>
        Task.FromResult<IReadOnlyList<ComponentSummary>>(
            [.. Entries.Values.Select(e => e.Summary).Where(s => s.Assessment.Decision != Decision.Allow)]);

    public Task<int> Backlog() => Task.FromResult(Entries.Values.Count(e => e.Dirty));

    /// <summary>The partition an index entry lives in: components by their (uniform) id, hubs by a hash of their key.</summary>
    public static int PartitionOf(string id, int partitions)
    {
        var hash = ComponentId.IsValid(id)
            ? ulong.Parse(id.AsSpan(ComponentId.Prefix.Length), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(id));
        return (int)(hash % (ulong)partitions);
    }
}
