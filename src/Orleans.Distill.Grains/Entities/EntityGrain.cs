using Orleans.Distill.Graph;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Entities;

public sealed class EntityGrain(
    [PersistentState("entity", StorageNames.Graph)] IPersistentState<EntityState> state) : Grain, IEntityGrain
{
    private string Key => this.GetPrimaryKeyString();

    private string? _home;

    // Hashing the key is cheap but runs on every call of a hot grain; it never changes.
    private string ComponentPointer => state.State.Component ?? (_home ??= ComponentId.HomeOf(Key));

    public async Task<EntityUpsertResult> Upsert(IReadOnlyList<LinkUpdate> links, string? proposedComponent)
    {
        var changed = false;
        var known = state.State.Links;
        if (known.Count == 0 && state.State.Component is null && proposedComponent is not null)
        {
            state.State.Component = proposedComponent;
            state.State.AttachPending = true;
            changed = true;
        }

        foreach (var update in links)
        {
            var merged = known.TryGetValue(update.Other, out var link) ? link.Merge(update.Link) : update.Link;
            if (merged != link)
            {
                known[update.Other] = merged;
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        return new EntityUpsertResult(ComponentPointer, state.State.AttachPending);
    }

    public Task ConfirmAttached()
    {
        state.State.AttachPending = false;
        return Task.CompletedTask;
    }

    public Task<EntitySnapshot?> Get() => Task.FromResult(
        state.State.Links.Count == 0
            ? null
            : new EntitySnapshot(Key, ComponentPointer, [.. state.State.Links.Select(l => new LinkUpdate(l.Key, l.Value))]));
}
