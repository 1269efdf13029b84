using Microsoft.Extensions.Options;
using Orleans.Distill.Actions;
using Orleans.Distill.Detection;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Entities;

public sealed class EntityGrain(
    [PersistentState("entity", StorageNames.Graph)] IPersistentState<EntityState> state,
    IOptions<DetectionOptions> detection) : Grain, IEntityGrain
{
    private readonly HubRules _rules = new(detection.Value);

    private string Key => this.GetPrimaryKeyString();

    private string? _home;

    // Hashing the key is cheap but runs on every call of a hot grain; it never changes.
    private string ComponentPointer => state.State.Component ?? (_home ??= ComponentId.HomeOf(Key));

    public async Task<EntityUpsertResult> Upsert(IReadOnlyList<LinkUpdate> links, string? proposedComponent, DateTime watermark)
    {
        var s = state.State;
        var changed = false;
        var known = s.Links;
        var isNew = known.Count == 0 && s.Component is null;
        foreach (var update in links)
        {
            var merged = known.TryGetValue(update.Other, out var link) ? link.Merge(update.Link) : update.Link;
            if (merged != link)
            {
                known[update.Other] = merged;
                changed = true;
            }
        }

        var hub = IsHub(watermark);
        var hubEnded = s.Hub && !hub;
        if (hub != s.Hub)
        {
            s.Hub = hub;
            changed = true;
        }

        // A new entity that glues joins its first account's component directly; one that does not stays alone.
        if (isNew && proposedComponent is not null && Glues)
        {
            s.Component = proposedComponent;
            s.AttachPending = true;
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        return new EntityUpsertResult(ComponentPointer, s.AttachPending, Glues, hub, hubEnded, known.Count);
    }

    public Task ConfirmAttached()
    {
        state.State.AttachPending = false;
        return Task.CompletedTask;
    }

    // An identifier whose links retention deleted still answers while it is burned: that memory outlives retention.
    public Task<EntityInfo?> GetInfo(DateTime watermark) =>
        Task.FromResult(state.State.Links.Count == 0 && state.State.Burned is null ? null : Info(watermark, AccountsInWindow(watermark)));

    public async Task<EntityInfo?> Refresh(DateTime watermark)
    {
        if (state.State.Links.Count == 0)
        {
            return null;
        }

        var accounts = AccountsInWindow(watermark);
        var hub = IsHub(accounts);
        if (hub != state.State.Hub)
        {
            state.State.Hub = hub;
            await state.WriteStateAsync();
        }

        return Info(watermark, accounts);
    }

    public async Task<bool> Repoint(string component, string? expected)
    {
        if (expected is not null && expected != ComponentPointer)
        {
            return false;
        }

        if (state.State.Component != component || state.State.AttachPending)
        {
            state.State.Component = component;
            state.State.AttachPending = false;
            await state.WriteStateAsync();
        }

        return true;
    }

    public async Task SetAssessment(Assessment assessment)
    {
        state.State.Assessment = assessment;
        await state.WriteStateAsync();
    }

    public async Task Own(OperatorJudgement judgement)
    {
        if (_rules.IsAllowlisted(Key) || state.State.Owned is not null)
        {
            return;
        }

        state.State.Owned = judgement;
        state.State.Hub = false;
        state.State.Assessment = null;
        await state.WriteStateAsync();
    }

    public async Task Burn(RememberedVerdict verdict)
    {
        var known = state.State.Burned;
        var merged = RememberedVerdict.Merge(known, verdict);
        if (known is null || merged.Score > known.Score || merged.LastSupported - known.LastSupported >= TimeSpan.FromDays(1))
        {
            state.State.Burned = merged;
            await state.WriteStateAsync();
        }
    }

    public async Task<BenignRequest> RequestBenign(AnalystAction action, DateTime watermark)
    {
        var s = state.State;
        if (s.Benign)
        {
            return new BenignRequest(BenignStatus.Applied, null);
        }

        if (s.PendingBenign is not { } pending)
        {
            s.PendingBenign = action;
            await state.WriteStateAsync();
            return new BenignRequest(BenignStatus.PendingApproval, action);
        }

        if (pending.Who == action.Who)
        {
            return new BenignRequest(BenignStatus.AwaitingAnotherAnalyst, pending);
        }

        s.Actions.Add(pending);
        s.PendingBenign = null;
        await MarkBenign(action, watermark);
        return new BenignRequest(BenignStatus.Approved, pending);
    }

    public async Task<EntityInfo> MarkBenign(AnalystAction action, DateTime watermark)
    {
        var s = state.State;
        if (s.Actions.All(a => a.Id != action.Id))
        {
            s.Actions.Add(action);
        }

        s.Benign = true;
        await state.WriteStateAsync();
        return Info(watermark, AccountsInWindow(watermark));
    }

    public Task<EntitySnapshot?> Get() => Task.FromResult(
        state.State.Links.Count == 0
            ? null
            : new EntitySnapshot(Key, ComponentPointer, [.. state.State.Links.Select(l => new LinkUpdate(l.Key, l.Value))])
            {
                Hub = state.State.Hub,
                Benign = state.State.Benign,
                Assessment = state.State.Assessment,
                Actions = [.. state.State.Actions],
            });

    public async Task<EntityPruneResult> Prune(DateTime linksBefore)
    {
        var links = state.State.Links;
        var old = links.Where(l => l.Value.LastSeen < linksBefore).Select(l => l.Key).ToList();
        foreach (var account in old)
        {
            links.Remove(account);
        }

        if (old.Count > 0)
        {
            await state.WriteStateAsync();
        }

        return new EntityPruneResult(old.Count, state.State.Hub, ComponentPointer);
    }

    private bool Glues => !state.State.Hub && !state.State.Benign;

    private bool IsHub(DateTime watermark) => IsHub(AccountsInWindow(watermark));

    private bool IsHub(int accountsInWindow) =>
        _rules.IsAllowlisted(Key) || (state.State.Owned is null && _rules.IsHubByCount(Key, accountsInWindow));

    private int AccountsInWindow(DateTime watermark) => _rules.AccountsInWindow(Key, state.State.Links.Values, watermark);

    // The count decides whether it is a hub and is reported beside it: a risk check counts the links once, not twice.
    private EntityInfo Info(DateTime watermark, int accountsInWindow)
    {
        var hub = IsHub(accountsInWindow);
        return new()
        {
            Key = Key,
            Component = ComponentPointer,
            Glues = !hub && !state.State.Benign,
            Hub = hub,
            Benign = state.State.Benign,
            AccountsInWindow = accountsInWindow,
            Accounts = state.State.Links.Count,
            Assessment = state.State.Assessment,
            HubUntil = hub && !_rules.IsAllowlisted(Key) ? _rules.HubUntil(Key, state.State.Links.Values) : null,
            Burned = !hub && !state.State.Benign && state.State.Burned is { } burned && burned.HeldAt(watermark, _rules.Options.RememberFor) ? burned : null,
            Owned = state.State.Owned,
        };
    }
}
