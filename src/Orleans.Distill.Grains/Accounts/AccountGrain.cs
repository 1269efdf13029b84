using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Distill.Actions;
using Orleans.Distill.Detection;
using Orleans.Distill.Events;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Retention;
using Orleans.Distill.Scoring;
using Orleans.Distill.Storage;
using Orleans.Storage;

namespace Orleans.Distill.Accounts;

public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Graph)] IPersistentState<AccountState> state,
    [FromKeyedServices(StorageNames.Graph)] IGrainStorage storage,
    IOptions<DetectionOptions> detection) : Grain, IAccountGrain
{
    private readonly HubRules _rules = new(detection.Value);

    private string Id => this.GetPrimaryKeyString();

    private string? _home;

    // Hashing the key is cheap but runs on every call of a hot grain; it never changes.
    private string ComponentPointer => state.State.Component ?? (_home ??= ComponentId.HomeOf(NodeKey.Account(Id)));

    public async Task<AccountApplyResult> Apply(IReadOnlyList<DistillEvent> events, DateTime watermark)
    {
        var applied = 0;
        var previousLastSeen = state.State.Exists ? state.State.LastSeen : (DateTime?)null;
        var touched = new HashSet<string>();
        var window = detection.Value.Window;
        foreach (var e in events)
        {
            if (AccountEvents.Apply(state.State, e, window))
            {
                applied++;
            }

            foreach (var entity in e.LinkedEntities())
            {
                touched.Add(entity);
            }
        }

        if (applied > 0)
        {
            await state.WriteStateAsync();
        }

        // An account back from a quiet spell makes its cards and devices evidence again: report them, so that they
        // glue again, though no event of this batch named them.
        if (previousLastSeen is { } before && state.State.LastSeen > before && _rules.Resumes(before, watermark))
        {
            foreach (var entity in state.State.Links.Keys.Where(_rules.IsWhileActive))
            {
                touched.Add(entity);
            }
        }

        // Every touched link is reported, applied now or before, so a batch retried after a failure
        // still reaches the entities and the forest: the steps after this one are idempotent.
        var links = new List<LinkUpdate>(touched.Count);
        foreach (var entity in touched)
        {
            links.Add(new LinkUpdate(entity, state.State.Links[entity]));
        }

        return new AccountApplyResult(ComponentPointer, applied, links) { Label = state.State.Label, LastSeen = state.State.LastSeen };
    }

    public Task<AccountSnapshot?> Get()
    {
        var s = state.State;
        if (!s.Exists)
        {
            return Task.FromResult<AccountSnapshot?>(null);
        }

        return Task.FromResult<AccountSnapshot?>(new AccountSnapshot
        {
            Account = Id,
            Component = ComponentPointer,
            SignupAt = s.SignupAt,
            FirstSeen = s.FirstSeen,
            LastSeen = s.LastSeen,
            Links = Links(),
            Requests = s.RequestsByCategory.Sum(),
            Tokens = s.TokensByCategory.Sum(),
            EventsApplied = s.EventsApplied,
            Label = s.Label,
            LabelSource = s.LabelSource,
            Actions = [.. s.Actions],
            ErasedAt = s.ErasedAt,
        });
    }

    public Task<AccountProfile?> GetProfile()
    {
        var s = state.State;
        return Task.FromResult(!s.Exists ? null : new AccountProfile
        {
            Account = Id,
            Component = ComponentPointer,
            Links = Links(),
            SignupDay = AccountProfile.DayOf(s.SignupAt ?? s.FirstSeen),
            Requests = [.. s.RequestsByCategory],
            Tokens = s.TokensByCategory.Sum(),
            ActiveHours = [.. s.ActiveHours],
            ActiveDays = s.ActiveDays,
            FirstActiveDay = s.FirstActiveAt is { } first ? AccountProfile.DayOf(first) : null,
            // The open day is the latest day with traffic; it is only known to be that once first traffic is kept.
            LastActiveDay = s.FirstActiveAt is null ? null : s.OpenDay,
            DayRequestsSquared = s.DayRequestsSquared,
            DayRequestsCubed = s.DayRequestsCubed,
            Label = s.Label,
            LastSeen = s.LastSeen,
        });
    }

    public async Task<bool> Repoint(string component, string? expected)
    {
        if (expected is not null && expected != ComponentPointer)
        {
            return false;
        }

        if (state.State.Component != component)
        {
            state.State.Component = component;
            await state.WriteStateAsync();
        }

        return true;
    }

    public async Task Record(AnalystAction action)
    {
        if (state.State.Actions.All(a => a.Id != action.Id))
        {
            state.State.Actions.Add(action);
            await state.WriteStateAsync();
        }
    }

    public async Task<AccountPruneResult?> Prune(RetentionCutoffs cutoffs)
    {
        if (!state.State.Exists)
        {
            return null;
        }

        var (dropped, usageDropped) = AccountRetention.Prune(state.State, cutoffs);
        if (dropped.Count > 0 || usageDropped)
        {
            await state.WriteStateAsync();
        }

        return new AccountPruneResult(ComponentPointer, dropped, usageDropped);
    }

    public async Task<AccountErasure?> Erase(AnalystAction action)
    {
        var s = state.State;
        if (!s.Exists)
        {
            return null;
        }

        var erased = AccountRetention.Erase(s, action.At);
        if (s.Actions.All(a => a.Id != action.Id))
        {
            s.Actions.Add(action);
        }

        await state.WriteStateAsync();
        if (storage is IScrubbingStorage scrubbing)
        {
            // The erasure answers only once the old copy is off the disk, not merely superseded.
            await scrubbing.ScrubAsync();
        }

        return new AccountErasure(erased, s.ErasedAt!.Value, ComponentPointer);
    }

    private List<LinkUpdate> Links() => [.. state.State.Links.Select(l => new LinkUpdate(l.Key, l.Value))];
}
