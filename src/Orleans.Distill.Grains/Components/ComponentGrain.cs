using Microsoft.Extensions.Logging;
using Orleans.Distill.Actions;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Components;

/// <summary>
/// A node of the union-find forest of components. A component grain only ever calls a higher id (its parent,
/// or the root it re-drives a join to); a retired root answers with the piece a member went to instead of calling
/// it, since a piece's id is random. So there is no call cycle and no deadlock although it is not reentrant.
/// Joins are driven from outside: the joining roots each write their parent (pending), then the target adopts
/// them all in one call and one write, so a giant component does not rewrite its state once per joiner.
/// Splits are driven from outside too (<see cref="ComponentRebuilder"/>): freeze, plan, found the pieces,
/// repoint the members, retire.
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
            var adopted = await SettleJoin(waitOutFreeze: true);
            LogJoinResumed(logger, Id, adopted == true ? state.State.Parent! : "nobody (the target split; this is a root again)");
        }
    }

    public async Task<Resolution> Resolve(string? member)
    {
        var s = state.State;
        if (!s.Initialized)
        {
            if (member is null)
            {
                throw new InvalidOperationException($"Component {Id} does not exist.");
            }

            s.Initialized = true;
            s.Members.Add(member);
            s.Aggregate = ComponentAggregate.Of(member);
            s.Version = 1;
            await state.WriteStateAsync();
        }

        if (s.Retired)
        {
            return await ResolveSuccessor(member);
        }

        if (s.Parent is null)
        {
            return new Resolution(Id, false);
        }

        // Until a parent holds this node, a walk of the tree misses its members, so a split would leave them
        // behind: a join whose driver gave up between writing the parent and the adoption is finished here.
        if (s.Pending && await SettleJoin(waitOutFreeze: false) == false)
        {
            return new Resolution(Id, true);
        }

        var answer = await GrainFactory.Reference<IComponentGrain>(_rootHint ?? s.Parent).Resolve(member);
        _rootHint = answer.ViaSplit || answer.Root == s.Parent ? null : answer.Root;
        return answer;
    }

    /// <summary>
    /// Old members of a split tree are found in the split root's plan; this node may be an old child of it, in
    /// which case its parent chain leads there.
    /// </summary>
    private async Task<Resolution> ResolveSuccessor(string? member)
    {
        var s = state.State;
        if (member is not null && s.Successors.TryGetValue(member, out var successor))
        {
            return new Resolution(null, true, successor);
        }

        if (s.Parent is not null)
        {
            var up = await GrainFactory.Reference<IComponentGrain>(s.Parent).Resolve(member);
            return up with { ViaSplit = true };
        }

        return new Resolution(null, true);
    }

    public async Task<JoinTicket> PrepareJoin(string target)
    {
        var s = state.State;
        if (!s.Initialized)
        {
            throw new InvalidOperationException($"Component {Id} does not exist.");
        }

        if (s.Retired)
        {
            return new JoinTicket(HandOffStatus.Retired, null);
        }

        if (s.Parent is not null)
        {
            // Asked again for the same pending join (a retried batch): hand out the same ticket.
            return s.Pending && s.Parent == target
                ? new JoinTicket(HandOffStatus.Done, AdoptionOfThis())
                : new JoinTicket(HandOffStatus.Redirect, null);
        }

        if (s.Frozen)
        {
            return new JoinTicket(HandOffStatus.Busy, null);
        }

        if (ComponentId.Compare(target, Id) <= 0)
        {
            throw new ArgumentException($"A component joins only a higher id: {Id} cannot join {target}.", nameof(target));
        }

        s.Parent = target;
        s.Pending = true;
        await state.WriteStateAsync();
        return new JoinTicket(HandOffStatus.Done, AdoptionOfThis());
    }

    public async Task AbandonJoin(string target)
    {
        var s = state.State;
        // The driver saw the target's tree retire; a component on the way may still hold this one (it took it
        // before the split, which then placed its members), so the join is called off only if none does.
        if (s.Pending && s.Parent == target)
        {
            await SettleJoin(waitOutFreeze: false);
        }
    }

    public Task<HandOffResult<Adoption>> Adopt(IReadOnlyList<Adoption> children) =>
        TakeIn(children, c => state.State.Children.Contains(c.Child), c =>
        {
            state.State.Children.Add(c.Child);
            state.State.Aggregate.Merge(c.Aggregate);
            AddActions(c.Actions);
        });

    public Task<HandOffResult<string>> Attach(IReadOnlyList<string> members) =>
        TakeIn(members, state.State.Members.Contains, m =>
        {
            state.State.Members.Add(m);
            state.State.Aggregate.Merge(ComponentAggregate.Of(m));
        });

    public Task<HandOffResult<AnalystAction>> Record(IReadOnlyList<AnalystAction> actions) =>
        TakeIn(actions, a => state.State.Actions.Any(x => x.Id == a.Id), a => AddActions([a]));

    /// <summary>
    /// Items already held here are done (checked before the root test, so a re-driven hand-off finds the
    /// component that took it the first time); the rest are taken in, with one write, if this is a root, or
    /// handed back with <see cref="ComponentState.Parent"/> — not the in-memory shortcut, so every retry
    /// walks the same path. A frozen root asks the caller to wait; a retired one to start again.
    /// </summary>
    private async Task<HandOffResult<T>> TakeIn<T>(IReadOnlyList<T> items, Func<T, bool> held, Action<T> take)
    {
        var s = state.State;
        var remaining = items.Where(i => !held(i)).ToList();
        if (remaining.Count == 0)
        {
            return HandOffResult<T>.Done;
        }

        if (s.Retired)
        {
            return new HandOffResult<T>(HandOffStatus.Retired, null, remaining);
        }

        if (s.Parent is not null)
        {
            return new HandOffResult<T>(HandOffStatus.Redirect, s.Parent, remaining);
        }

        if (!s.Initialized)
        {
            throw new InvalidOperationException($"Component {Id} does not exist.");
        }

        if (s.Frozen)
        {
            return new HandOffResult<T>(HandOffStatus.Busy, null, remaining);
        }

        remaining.ForEach(take);
        s.Version++;
        await state.WriteStateAsync();
        return HandOffResult<T>.Done;
    }

    public async Task<bool> SetAssessment(ComponentAssessment assessment)
    {
        var s = state.State;
        if (!s.Initialized || s.Parent is not null || s.Retired)
        {
            return false;
        }

        s.Assessment = assessment;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<bool> Freeze()
    {
        var s = state.State;
        if (!s.Initialized || s.Parent is not null || s.Retired)
        {
            return false;
        }

        if (!s.Frozen)
        {
            s.Frozen = true;
            await state.WriteStateAsync();
        }

        return true;
    }

    public async Task Thaw()
    {
        if (state.State.Frozen && state.State.PlannedSplit.Count == 0)
        {
            state.State.Frozen = false;
            await state.WriteStateAsync();
        }
    }

    public async Task<IReadOnlyList<SplitPiece>> PlanSplit(IReadOnlyList<SplitPiece> pieces)
    {
        var s = state.State;
        if (!s.Frozen || s.Retired)
        {
            throw new InvalidOperationException($"Component {Id} must be frozen to plan a split.");
        }

        if (s.PlannedSplit.Count > 0)
        {
            return [.. s.PlannedSplit];
        }

        s.PlannedSplit = [.. pieces];
        s.Successors = pieces.SelectMany(p => p.Members.Select(m => (m, p.Id))).ToDictionary(x => x.m, x => x.Id);
        await state.WriteStateAsync();
        return pieces;
    }

    public async Task Found(Founding founding)
    {
        var s = state.State;
        if (s.Initialized)
        {
            return;
        }

        s.Initialized = true;
        s.Members = [.. founding.Members];
        s.Aggregate = new ComponentAggregate();
        foreach (var member in founding.Members)
        {
            s.Aggregate.Merge(ComponentAggregate.Of(member));
        }

        s.Assessment = founding.Assessment;
        s.Actions = [.. founding.Actions];
        s.Version = 1;
        await state.WriteStateAsync();
        LogFounded(logger, Id, founding.SplitFrom, founding.Members.Count);
    }

    public async Task CompleteSplit()
    {
        var s = state.State;
        if (s.Retired)
        {
            return;
        }

        s.Retired = true;
        s.Frozen = false;
        await state.WriteStateAsync();
    }

    public Task<ComponentNode> GetNode() => Task.FromResult(Snapshot() with
    {
        Members = [.. state.State.Members],
        Children = [.. state.State.Children],
        PlannedSplit = [.. state.State.PlannedSplit],
    });

    public Task<ComponentNode> GetSummary() => Task.FromResult(Snapshot());

    private ComponentNode Snapshot() => new()
    {
        Id = Id,
        Exists = state.State.Initialized,
        Parent = state.State.Parent,
        Aggregate = state.State.Aggregate.Clone(),
        Version = state.State.Version,
        Frozen = state.State.Frozen,
        Retired = state.State.Retired,
        SplitInto = [.. state.State.PlannedSplit.Select(p => p.Id)],
        Assessment = state.State.Assessment,
        Actions = [.. state.State.Actions],
    };

    private Adoption AdoptionOfThis() => new(Id, state.State.Aggregate.Clone(), [.. state.State.Actions]);

    private void AddActions(IEnumerable<AnalystAction> actions)
    {
        foreach (var action in actions)
        {
            if (!state.State.Actions.Any(a => a.Id == action.Id))
            {
                state.State.Actions.Add(action);
            }
        }
    }

    /// <summary>
    /// Drives a pending join up from <see cref="ComponentState.Parent"/> until a component holds or takes this one;
    /// every step goes to a higher id. True once held; null if the tree is frozen for a split and
    /// <paramref name="waitOutFreeze"/> is false (the split then leaves this tree out, and the next call finds
    /// the target retired); false if the target split before taking this one: the join is off and this is a
    /// root again, its members here, not lost. A held join is marked settled in memory only: re-driving is
    /// harmless, so the write that would record it is not worth its cost.
    /// </summary>
    private async Task<bool?> SettleJoin(bool waitOutFreeze)
    {
        var s = state.State;
        var current = s.Parent!;
        IReadOnlyList<Adoption> adoption = [AdoptionOfThis()];
        while (true)
        {
            var result = await GrainFactory.Reference<IComponentGrain>(current).Adopt(adoption);
            switch (result.Status)
            {
                case HandOffStatus.Done:
                    s.Pending = false;
                    _rootHint = current == s.Parent ? null : current;
                    return true;
                case HandOffStatus.Redirect:
                    current = result.Redirect!;
                    break;
                case HandOffStatus.Busy when waitOutFreeze:
                    await Task.Delay(TimeSpan.FromMilliseconds(50));
                    break;
                case HandOffStatus.Busy:
                    return null;
                default:
                    s.Parent = null;
                    s.Pending = false;
                    _rootHint = null;
                    await state.WriteStateAsync();
                    LogJoinAbandoned(logger, Id);
                    return false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Component {Component} resumed a pending join; adopted by {Adopter}")]
    private static partial void LogJoinResumed(ILogger logger, string component, string adopter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Component {Component} abandoned a join into a tree that split before adopting it")]
    private static partial void LogJoinAbandoned(ILogger logger, string component);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Component {Component} founded from the split of {SplitFrom} with {Members} members")]
    private static partial void LogFounded(ILogger logger, string component, string splitFrom, int members);
}
