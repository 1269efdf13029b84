using Orleans.Distill.Grains;

namespace Orleans.Distill.Claims;

/// <summary>The claims on queue items, in grain storage so they survive a restart. The first claim wins.</summary>
public sealed class ReviewClaimsGrain(
    [PersistentState("claims", StorageNames.Graph)] IPersistentState<ReviewClaimsState> state) : Grain, IReviewClaimsGrain
{
    public async Task<ReviewClaim> Claim(string item, string who, DateTime at)
    {
        if (state.State.Claims.TryGetValue(item, out var held))
        {
            return held;
        }

        var claim = new ReviewClaim(item, who, at);
        state.State.Claims[item] = claim;
        await state.WriteStateAsync();
        return claim;
    }

    public async Task<ReviewClaim?> Release(string item, string who, bool anyone)
    {
        if (!state.State.Claims.TryGetValue(item, out var held) || (!anyone && held.Who != who))
        {
            return null;
        }

        state.State.Claims.Remove(item);
        await state.WriteStateAsync();
        return held;
    }

    public Task<IReadOnlyList<ReviewClaim>> All() => Task.FromResult<IReadOnlyList<ReviewClaim>>([.. state.State.Claims.Values]);
}
