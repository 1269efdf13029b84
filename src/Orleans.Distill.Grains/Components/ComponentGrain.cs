using Microsoft.Extensions.Logging;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Components;

/// <summary>
/// A node of the union-find forest of components. A component grain only ever calls a higher id (its parent,
/// or the root it re-drives a join to), so there is no call cycle and no deadlock although it is not reentrant.
/// Joins are driven from outside: the joining roots each write their parent (pending), then the target adopts
/// them all in one call and one write, so a giant component does not rewrite its state once per joiner.
/// </summary>
public sealed partial class ComponentGrain(
    [PersistentState("component", StorageNames.Graph)] IPersistentState<ComponentState> state,
    ILogger<ComponentGrain> logger) : Grain, IComponentGrain
{
    // Path compression: a shortcut to an ancestor nearer the root. Kept in memory only, so it costs no write.
    private string? _rootHint;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Pending)
        {
            // A join was written but its adoption not confirmed (the silo stopped mid-join): finish it.
            var adopter = await SettleAdoption();
            LogJoinResumed(logger, Id, adopter);
        }
    }

    public async Task<string> Resolve(string? memberHint)
    {
        var s = state.State;
        if (!s.Initialized)
        {
            if (memberHint is null)
            {
                throw new InvalidOperationException($"Component {Id} does not exist.");
            }

            s.Initialized = true;
            s.Members.Add(memberHint);
            s.Aggregate = ComponentAggregate.Of(memberHint);
            s.Version = 1;
            await state.WriteStateAsync();
        }

        if (s.Parent is null)
        {
            return Id;
        }

        var root = await GrainFactory.GetGrain<IComponentGrain>(_rootHint ?? s.Parent).Resolve(null);
        _rootHint = root == s.Parent ? null : root;
        return root;
    }

    public async Task<JoinTicket> PrepareJoin(string target)
    {
        var s = state.State;
        if (!s.Initialized)
        {
            throw new InvalidOperationException($"Component {Id} does not exist.");
        }

        if (s.Parent is not null)
        {
            // Asked again for the same pending join (a retried batch): hand out the same ticket.
            return s.Pending && s.Parent == target
                ? new JoinTicket(true, new Adoption(Id, s.Aggregate.Clone()))
                : new JoinTicket(false, null);
        }

        if (ComponentId.Compare(target, Id) <= 0)
        {
            throw new ArgumentException($"A component joins only a higher id: {Id} cannot join {target}.", nameof(target));
        }

        s.Parent = target;
        s.Pending = true;
        await state.WriteStateAsync();
        return new JoinTicket(true, new Adoption(Id, s.Aggregate.Clone()));
    }

    public Task<HandOffResult<Adoption>> Adopt(IReadOnlyList<Adoption> children) =>
        TakeIn(children, c => state.State.Children.Contains(c.Child), c =>
        {
            state.State.Children.Add(c.Child);
            state.State.Aggregate.Merge(c.Aggregate);
        });

    public Task<HandOffResult<string>> Attach(IReadOnlyList<string> members) =>
        TakeIn(members, state.State.Members.Contains, m =>
        {
            state.State.Members.Add(m);
            state.State.Aggregate.Merge(ComponentAggregate.Of(m));
        });

    /// <summary>
    /// Items already held here are done (checked before the root test, so a re-driven hand-off finds the
    /// component that took it the first time); the rest are taken in, with one write, if this is a root, or
    /// handed back with <see cref="ComponentState.Parent"/> — not the in-memory shortcut, so every retry
    /// walks the same path.
    /// </summary>
    private async Task<HandOffResult<T>> TakeIn<T>(IReadOnlyList<T> items, Func<T, bool> held, Action<T> take)
    {
        var s = state.State;
        var remaining = items.Where(i => !held(i)).ToList();
        if (remaining.Count == 0)
        {
            return HandOffResult<T>.Done;
        }

        if (s.Parent is not null)
        {
            return new HandOffResult<T>(false, s.Parent, remaining);
        }

        if (!s.Initialized)
        {
            throw new InvalidOperationException($"Component {Id} does not exist.");
        }

        remaining.ForEach(take);
        s.Version++;
        await state.WriteStateAsync();
        return HandOffResult<T>.Done;
    }

    public Task<ComponentNode> GetNode() => Task.FromResult(Snapshot() with
    {
        Members = [.. state.State.Members],
        Children = [.. state.State.Children],
    });

    public Task<ComponentNode> GetSummary() => Task.FromResult(Snapshot());

    private ComponentNode Snapshot() => new()
    {
        Id = Id,
        Exists = state.State.Initialized,
        Parent = state.State.Parent,
        Aggregate = state.State.Aggregate.Clone(),
        Version = state.State.Version,
    };

    /// <summary>
    /// Re-drives a pending join after a restart: walks up from <see cref="ComponentState.Parent"/> until a
    /// component holds or takes this one. Every step goes to a higher id. The pending flag is cleared in memory
    /// only: re-driving is harmless, so the write that would record it is not worth its cost.
    /// </summary>
    private async Task<string> SettleAdoption()
    {
        var s = state.State;
        var current = s.Parent!;
        IReadOnlyList<Adoption> adoption = [new Adoption(Id, s.Aggregate.Clone())];
        while (true)
        {
            var result = await GrainFactory.GetGrain<IComponentGrain>(current).Adopt(adoption);
            if (result.Accepted)
            {
                break;
            }

            current = result.Redirect!;
        }

        s.Pending = false;
        _rootHint = current == s.Parent ? null : current;
        return current;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Component {Component} resumed a pending join; adopted by {Adopter}")]
    private static partial void LogJoinResumed(ILogger logger, string component, string adopter);
}
