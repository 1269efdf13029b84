using Orleans.Distill.Grains;

namespace Orleans.Distill.Retention;

public sealed class RetentionGrain(
    [PersistentState("retention", StorageNames.Graph)] IPersistentState<RetentionState> state,
    TimeProvider clock) : Grain, IRetentionGrain
{
    public async Task<bool> TryStart(string holder, TimeSpan every, TimeSpan lease)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var s = state.State;
        var held = s.Holder is not null && s.Holder != holder && s.LeaseUntil > now;
        var due = s.Last is null || now - s.Last.Finished >= every;
        if (held || !due)
        {
            return false;
        }

        (s.Holder, s.LeaseUntil) = (holder, now + lease);
        await state.WriteStateAsync();
        return true;
    }

    public async Task Finish(string holder, RetentionSweepReport report)
    {
        var s = state.State;
        s.Last = report;
        if (s.Holder == holder)
        {
            (s.Holder, s.LeaseUntil) = (null, default);
        }

        await state.WriteStateAsync();
    }

    public Task<RetentionSweepReport?> Last() => Task.FromResult(state.State.Last);
}
