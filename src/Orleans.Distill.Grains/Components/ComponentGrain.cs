using Microsoft.Extensions.Logging;
using Orleans.Distill.Graph;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Components;

/// <summary>
/// A node of the union-find forest of components. Calls only ever go from a lower id to a higher one
/// (a child to its parent, a joining root to the root it joins), so there is no call cycle and no deadlock,
/// although the grain is not reentrant.
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

    public async Task<JoinResult> JoinInto(string target)
    {
        var s = state.State;
        if (!s.Initialized)
        {
            throw new InvalidOperationException($"Component {Id} does not exist.");
        }

        if (s.Parent is not null)
        {
            return new JoinResult(false, _rootHint ?? s.Parent);
        }

        if (ComponentId.Compare(target, Id) <= 0)
        {
            throw new ArgumentException($"A component joins only a higher id: {Id} cannot join {target}.", nameof(target));
        }

        s.Parent = target;
        s.Pending = true;
        await state.WriteStateAsync();
        var adopter = await SettleAdoption();
        return new JoinResult(true, adopter);
    }

    public async Task<AdoptResult> Adopt(string child, ComponentAggregate aggregate)
    {
        var s = state.State;
        // Checked before the root test: a re-driven adoption finds the adopter that took it the first time.
        if (s.Children.Contains(child))
        {
            return new AdoptResult(true, null);
        }

        if (s.Parent is not null)
        {
            // Redirect along Parent, not the in-memory shortcut: the walk must be the same on every retry.
            return new AdoptResult(false, s.Parent);
        }

        if (!s.Initialized)
        {
            throw new InvalidOperationException($"Component {Id} does not exist.");
        }

        s.Children.Add(child);
        s.Aggregate.Merge(aggregate);
        s.Version++;
        await state.WriteStateAsync();
        return new AdoptResult(true, null);
    }

    public async Task<AttachResult> Attach(IReadOnlyList<string> members)
    {
        var s = state.State;
        var remaining = members.Where(m => !s.Members.Contains(m)).ToList();
        if (remaining.Count == 0)
        {
            return new AttachResult(true, null, []);
        }

        if (s.Parent is not null)
        {
            return new AttachResult(false, s.Parent, remaining);
        }

        if (!s.Initialized)
        {
            throw new InvalidOperationException($"Component {Id} does not exist.");
        }

        foreach (var member in remaining)
        {
            s.Members.Add(member);
            s.Aggregate.Merge(ComponentAggregate.Of(member));
        }

        s.Version++;
        await state.WriteStateAsync();
        return new AttachResult(true, null, []);
    }

    public Task<ComponentNode> GetNode()
    {
        var s = state.State;
        return Task.FromResult(new ComponentNode
        {
            Id = Id,
            Exists = s.Initialized,
            Parent = s.Parent,
            Members = [.. s.Members],
            Children = [.. s.Children],
            Aggregate = s.Aggregate.Clone(),
            Version = s.Version,
        });
    }

    /// <summary>
    /// Walks up from <see cref="ComponentState.Parent"/> until a component takes this one in. Every step goes
    /// to a higher id. The pending flag is cleared in memory only: re-driving an adoption is harmless, so the
    /// second write that would record it is not worth its cost.
    /// </summary>
    private async Task<string> SettleAdoption()
    {
        var s = state.State;
        var current = s.Parent!;
        try
        {
            while (true)
            {
                var result = await GrainFactory.GetGrain<IComponentGrain>(current).Adopt(Id, s.Aggregate);
                if (result.Accepted)
                {
                    break;
                }

                current = result.Redirect!;
            }
        }
        catch
        {
            // Leave the join pending and let a fresh activation re-drive it.
            DeactivateOnIdle();
            throw;
        }

        s.Pending = false;
        _rootHint = current == s.Parent ? null : current;
        return current;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Component {Component} resumed a pending join; adopted by {Adopter}")]
    private static partial void LogJoinResumed(ILogger logger, string component, string adopter);
}
